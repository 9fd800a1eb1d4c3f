;; SIMD kernels for a network's first layer on sparse inputs (MNIST's inked pixels).
;; Built to kernels-binary.ts by scripts/build-wasm.mjs (wabt); the JS reference for each is
;; in gemm-sparse.ts and the tests hold them equal.
;;
;; Layout: the first layer's weights are kept input-major, wT = (w¹)ᵀ (inputs × h, row r of
;; wT is column r of w¹), so every non-zero pixel touches one contiguous row of h weights:
;; an axpy that f64x2 / f32x4 lanes do two or four at a time. The sparse batch is by columns
;; (CSC): column j's non-zeros are rowIndex[colStart[j] .. colStart[j+1]) with their values.
;; Pointers are byte offsets into the imported memory. A kernel works on `width` adjacent
;; hidden neurons of rows `stride` values long (stride = h for the whole layer): pointers to wT,
;; gT, z and δ come already offset to the first of them, so two threads can each take a
;; share of the neurons (SimdArena splits them) with results bit-identical to one thread.
;;
;; Templates: a kernel with a float64 and a float32 form is written once, between a line
;; `;; @both` and a line `;; @end`. The build script emits such a region twice, first as
;; float64 and then as float32, replacing in it (and only there):
;;   $T       f64 | f32      element type           $V           f64x2 | f32x4  vector shape
;;   $B       8 | 4          bytes per element      $SHIFT       3 | 2   (i·$B = i << $SHIFT)
;;   $LANES   2 | 4          lanes of a vector      $SUFFIX      F64 | F32  (export names)
;;   $PAIR_BYTES  16 | 8     bytes of two elements  $STATE_SHIFT 0 | 1   (momentum and Adam:
;;                           byte offset i into w or g ↦ i << $STATE_SHIFT into their f64 state)
;; and these pseudo-instructions:
;;   ($HSUM $x)         the lanes of vector $x summed: x0 + x1, or (x0 + x1) + (x2 + x3)
;;   ($LOAD2 addr)      two elements as an f64x2 (f32 widened)   ($LOAD1 addr): one, lane 0
;;   ($STORE2 addr x)   f64x2 x stored as two elements (f32 rounded)   ($STORE1 addr x): lane 0
;; A line whose code starts with `@f64` or `@f32` is kept (without the tag) in that variant
;; only: that is where the float32 code genuinely differs, both forms side by side.
;; `node scripts/build-wasm.mjs --expand` prints the module as it is compiled.
(module
  (import "env" "memory" (memory 1))

  ;; @both
  ;; z (h × m, row-major) = wᵀ-stored weights times the sparse batch: z[i,j] = Σₜ wT[rₜ,i]·vₜ.
  ;; tmp: h scratch values (the column being summed, contiguous).
  (func (export "sparseForward$SUFFIX")
    (param $wT i32) (param $stride i32) (param $width i32) (param $colStart i32) (param $rowIndex i32) (param $values i32)
    (param $m i32) (param $z i32) (param $tmp i32)
    (local $j i32) (local $t i32) (local $start i32) (local $end i32) (local $i i32) (local $row i32)
    (local $v $T) (local $vv v128) (local $bytes i32) (local $vecBytes i32)
    (local $c i32) (local $blockEnd i32) (local $rowBytes i32) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128) (local $bigEnd i32)
    (local.set $bytes (i32.shl (local.get $width) (i32.const $SHIFT)))
    (local.set $rowBytes (i32.shl (local.get $stride) (i32.const $SHIFT)))
    (local.set $vecBytes (i32.and (local.get $bytes) (i32.const -16)))
    (local.set $blockEnd (i32.and (local.get $bytes) (i32.const -64)))
    (local.set $bigEnd (i32.and (local.get $bytes) (i32.const -128)))
    (loop $columns
      (if (i32.lt_u (local.get $j) (local.get $m)) (then
        (memory.fill (local.get $tmp) (i32.const 0) (local.get $bytes))
        (local.set $start (i32.load (i32.add (local.get $colStart) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $end (i32.load (i32.add (local.get $colStart) (i32.shl (i32.add (local.get $j) (i32.const 1)) (i32.const 2)))))
        ;; Blocks of eight vectors summed in registers over all non-zeros, stored once.
        (local.set $c (i32.const 0))
        (loop $bigBlocks
          (if (i32.lt_u (local.get $c) (local.get $bigEnd)) (then
            (local.set $a0 (v128.const i64x2 0 0)) (local.set $a1 (v128.const i64x2 0 0)) (local.set $a2 (v128.const i64x2 0 0)) (local.set $a3 (v128.const i64x2 0 0)) (local.set $a4 (v128.const i64x2 0 0)) (local.set $a5 (v128.const i64x2 0 0)) (local.set $a6 (v128.const i64x2 0 0)) (local.set $a7 (v128.const i64x2 0 0))
            (local.set $t (local.get $start))
            (loop $bigNonZeros
              (if (i32.lt_u (local.get $t) (local.get $end)) (then
                (local.set $row (i32.add (i32.add (local.get $wT) (local.get $c))
                  (i32.mul (i32.load (i32.add (local.get $rowIndex) (i32.shl (local.get $t) (i32.const 2)))) (local.get $rowBytes))))
                (local.set $vv ($V.splat ($T.load (i32.add (local.get $values) (i32.shl (local.get $t) (i32.const $SHIFT))))))
                (local.set $a0 ($V.add (local.get $a0) ($V.mul (v128.load (local.get $row)) (local.get $vv))))
                (local.set $a1 ($V.add (local.get $a1) ($V.mul (v128.load offset=16 (local.get $row)) (local.get $vv))))
                (local.set $a2 ($V.add (local.get $a2) ($V.mul (v128.load offset=32 (local.get $row)) (local.get $vv))))
                (local.set $a3 ($V.add (local.get $a3) ($V.mul (v128.load offset=48 (local.get $row)) (local.get $vv))))
                (local.set $a4 ($V.add (local.get $a4) ($V.mul (v128.load offset=64 (local.get $row)) (local.get $vv))))
                (local.set $a5 ($V.add (local.get $a5) ($V.mul (v128.load offset=80 (local.get $row)) (local.get $vv))))
                (local.set $a6 ($V.add (local.get $a6) ($V.mul (v128.load offset=96 (local.get $row)) (local.get $vv))))
                (local.set $a7 ($V.add (local.get $a7) ($V.mul (v128.load offset=112 (local.get $row)) (local.get $vv))))
                (local.set $t (i32.add (local.get $t) (i32.const 1)))
                (br $bigNonZeros))))
            (v128.store (i32.add (local.get $tmp) (local.get $c)) (local.get $a0))
            (v128.store offset=16 (i32.add (local.get $tmp) (local.get $c)) (local.get $a1))
            (v128.store offset=32 (i32.add (local.get $tmp) (local.get $c)) (local.get $a2))
            (v128.store offset=48 (i32.add (local.get $tmp) (local.get $c)) (local.get $a3))
            (v128.store offset=64 (i32.add (local.get $tmp) (local.get $c)) (local.get $a4))
            (v128.store offset=80 (i32.add (local.get $tmp) (local.get $c)) (local.get $a5))
            (v128.store offset=96 (i32.add (local.get $tmp) (local.get $c)) (local.get $a6))
            (v128.store offset=112 (i32.add (local.get $tmp) (local.get $c)) (local.get $a7))
            (local.set $c (i32.add (local.get $c) (i32.const 128)))
            (br $bigBlocks))))
        ;; Then blocks of four vectors.
        (loop $blocks
          (if (i32.lt_u (local.get $c) (local.get $blockEnd)) (then
            (local.set $a0 (v128.const i64x2 0 0)) (local.set $a1 (v128.const i64x2 0 0))
            (local.set $a2 (v128.const i64x2 0 0)) (local.set $a3 (v128.const i64x2 0 0))
            (local.set $t (local.get $start))
            (loop $blockNonZeros
              (if (i32.lt_u (local.get $t) (local.get $end)) (then
                (local.set $row (i32.add (i32.add (local.get $wT) (local.get $c))
                  (i32.mul (i32.load (i32.add (local.get $rowIndex) (i32.shl (local.get $t) (i32.const 2)))) (local.get $rowBytes))))
                (local.set $vv ($V.splat ($T.load (i32.add (local.get $values) (i32.shl (local.get $t) (i32.const $SHIFT))))))
                (local.set $a0 ($V.add (local.get $a0) ($V.mul (v128.load (local.get $row)) (local.get $vv))))
                (local.set $a1 ($V.add (local.get $a1) ($V.mul (v128.load offset=16 (local.get $row)) (local.get $vv))))
                (local.set $a2 ($V.add (local.get $a2) ($V.mul (v128.load offset=32 (local.get $row)) (local.get $vv))))
                (local.set $a3 ($V.add (local.get $a3) ($V.mul (v128.load offset=48 (local.get $row)) (local.get $vv))))
                (local.set $t (i32.add (local.get $t) (i32.const 1)))
                (br $blockNonZeros))))
            (v128.store (i32.add (local.get $tmp) (local.get $c)) (local.get $a0))
            (v128.store offset=16 (i32.add (local.get $tmp) (local.get $c)) (local.get $a1))
            (v128.store offset=32 (i32.add (local.get $tmp) (local.get $c)) (local.get $a2))
            (v128.store offset=48 (i32.add (local.get $tmp) (local.get $c)) (local.get $a3))
            (local.set $c (i32.add (local.get $c) (i32.const 64)))
            (br $blocks))))
        ;; The rest of the column (fewer than four vectors, then single values) through tmp.
        (local.set $t (if (result i32) (i32.lt_u (local.get $blockEnd) (local.get $bytes)) (then (local.get $start)) (else (local.get $end))))
        (loop $nonZeros
          (if (i32.lt_u (local.get $t) (local.get $end)) (then
            (local.set $row (i32.add (local.get $wT)
              (i32.mul (i32.load (i32.add (local.get $rowIndex) (i32.shl (local.get $t) (i32.const 2)))) (local.get $rowBytes))))
            (local.set $v ($T.load (i32.add (local.get $values) (i32.shl (local.get $t) (i32.const $SHIFT)))))
            (local.set $vv ($V.splat (local.get $v)))
            ;; tmp[i …] += wT[row, i …] · v, $LANES lanes at a time, then the values left one by
            ;; one: up to three for f32 (a loop), at most one for f64 (an if).
            (local.set $i (local.get $blockEnd))
            (loop $lanes
              (if (i32.lt_u (local.get $i) (local.get $vecBytes)) (then
                (v128.store (i32.add (local.get $tmp) (local.get $i))
                  ($V.add (v128.load (i32.add (local.get $tmp) (local.get $i)))
                          ($V.mul (v128.load (i32.add (local.get $row) (local.get $i))) (local.get $vv))))
                (local.set $i (i32.add (local.get $i) (i32.const 16)))
                (br $lanes))))
            @f32 loop $tail
            (if (i32.lt_u (local.get $i) (local.get $bytes)) (then
              ($T.store (i32.add (local.get $tmp) (local.get $i))
                ($T.add ($T.load (i32.add (local.get $tmp) (local.get $i)))
                        ($T.mul ($T.load (i32.add (local.get $row) (local.get $i))) (local.get $v))))
              @f32 (local.set $i (i32.add (local.get $i) (i32.const 4))) (br $tail)
            ))
            @f32 end
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $nonZeros))))
        ;; column j of z ← tmp
        (local.set $i (i32.const 0))
        (loop $store
          (if (i32.lt_u (local.get $i) (local.get $width)) (then
            ($T.store (i32.add (local.get $z) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $m)) (local.get $j)) (i32.const $SHIFT)))
                      ($T.load (i32.add (local.get $tmp) (i32.shl (local.get $i) (i32.const $SHIFT)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $store))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $columns)))))

  ;; BP4 for the first layer, input-major: gT (k × h) += S·δᵀ, gT[r,i] += Σⱼ S[r,j]·δ[i,j],
  ;; with δ (h × m, row-major). Only the rows of the batch's non-zero pixels are touched, so
  ;; the caller clears just those afterwards (clearRows); tmp holds δ's column j, contiguous.
  (func (export "sparseGradient$SUFFIX")
    (param $gT i32) (param $stride i32) (param $width i32) (param $colStart i32) (param $rowIndex i32) (param $values i32)
    (param $m i32) (param $delta i32) (param $tmp i32)
    (local $j i32) (local $t i32) (local $start i32) (local $end i32) (local $i i32) (local $row i32)
    (local $v $T) (local $vv v128) (local $bytes i32) (local $vecBytes i32)
    (local $c i32) (local $blockEnd i32) (local $rowBytes i32) (local $d0 v128) (local $d1 v128) (local $d2 v128) (local $d3 v128)
    (local $d4 v128) (local $d5 v128) (local $d6 v128) (local $d7 v128) (local $bigEnd i32)
    (local.set $bytes (i32.shl (local.get $width) (i32.const $SHIFT)))
    (local.set $rowBytes (i32.shl (local.get $stride) (i32.const $SHIFT)))
    (local.set $vecBytes (i32.and (local.get $bytes) (i32.const -16)))
    (local.set $blockEnd (i32.and (local.get $bytes) (i32.const -64)))
    (local.set $bigEnd (i32.and (local.get $bytes) (i32.const -128)))
    (loop $columns
      (if (i32.lt_u (local.get $j) (local.get $m)) (then
        (local.set $i (i32.const 0))
        (loop $gather
          (if (i32.lt_u (local.get $i) (local.get $width)) (then
            ($T.store (i32.add (local.get $tmp) (i32.shl (local.get $i) (i32.const $SHIFT)))
                      ($T.load (i32.add (local.get $delta) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $m)) (local.get $j)) (i32.const $SHIFT)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $gather))))
        (local.set $start (i32.load (i32.add (local.get $colStart) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $end (i32.load (i32.add (local.get $colStart) (i32.shl (i32.add (local.get $j) (i32.const 1)) (i32.const 2)))))
        ;; Blocks of eight vectors of δ's column held in registers, added into every row.
        (local.set $c (i32.const 0))
        (loop $bigBlocks
          (if (i32.lt_u (local.get $c) (local.get $bigEnd)) (then
            (local.set $d0 (v128.load (i32.add (local.get $tmp) (local.get $c))))
            (local.set $d1 (v128.load offset=16 (i32.add (local.get $tmp) (local.get $c))))
            (local.set $d2 (v128.load offset=32 (i32.add (local.get $tmp) (local.get $c))))
            (local.set $d3 (v128.load offset=48 (i32.add (local.get $tmp) (local.get $c))))
            (local.set $d4 (v128.load offset=64 (i32.add (local.get $tmp) (local.get $c))))
            (local.set $d5 (v128.load offset=80 (i32.add (local.get $tmp) (local.get $c))))
            (local.set $d6 (v128.load offset=96 (i32.add (local.get $tmp) (local.get $c))))
            (local.set $d7 (v128.load offset=112 (i32.add (local.get $tmp) (local.get $c))))
            (local.set $t (local.get $start))
            (loop $bigNonZeros
              (if (i32.lt_u (local.get $t) (local.get $end)) (then
                (local.set $row (i32.add (i32.add (local.get $gT) (local.get $c))
                  (i32.mul (i32.load (i32.add (local.get $rowIndex) (i32.shl (local.get $t) (i32.const 2)))) (local.get $rowBytes))))
                (local.set $vv ($V.splat ($T.load (i32.add (local.get $values) (i32.shl (local.get $t) (i32.const $SHIFT))))))
                (v128.store (local.get $row) ($V.add (v128.load (local.get $row)) ($V.mul (local.get $d0) (local.get $vv))))
                (v128.store offset=16 (local.get $row) ($V.add (v128.load offset=16 (local.get $row)) ($V.mul (local.get $d1) (local.get $vv))))
                (v128.store offset=32 (local.get $row) ($V.add (v128.load offset=32 (local.get $row)) ($V.mul (local.get $d2) (local.get $vv))))
                (v128.store offset=48 (local.get $row) ($V.add (v128.load offset=48 (local.get $row)) ($V.mul (local.get $d3) (local.get $vv))))
                (v128.store offset=64 (local.get $row) ($V.add (v128.load offset=64 (local.get $row)) ($V.mul (local.get $d4) (local.get $vv))))
                (v128.store offset=80 (local.get $row) ($V.add (v128.load offset=80 (local.get $row)) ($V.mul (local.get $d5) (local.get $vv))))
                (v128.store offset=96 (local.get $row) ($V.add (v128.load offset=96 (local.get $row)) ($V.mul (local.get $d6) (local.get $vv))))
                (v128.store offset=112 (local.get $row) ($V.add (v128.load offset=112 (local.get $row)) ($V.mul (local.get $d7) (local.get $vv))))
                (local.set $t (i32.add (local.get $t) (i32.const 1)))
                (br $bigNonZeros))))
            (local.set $c (i32.add (local.get $c) (i32.const 128)))
            (br $bigBlocks))))
        ;; Then blocks of four vectors.
        (loop $blocks
          (if (i32.lt_u (local.get $c) (local.get $blockEnd)) (then
            (local.set $d0 (v128.load (i32.add (local.get $tmp) (local.get $c))))
            (local.set $d1 (v128.load offset=16 (i32.add (local.get $tmp) (local.get $c))))
            (local.set $d2 (v128.load offset=32 (i32.add (local.get $tmp) (local.get $c))))
            (local.set $d3 (v128.load offset=48 (i32.add (local.get $tmp) (local.get $c))))
            (local.set $t (local.get $start))
            (loop $blockNonZeros
              (if (i32.lt_u (local.get $t) (local.get $end)) (then
                (local.set $row (i32.add (i32.add (local.get $gT) (local.get $c))
                  (i32.mul (i32.load (i32.add (local.get $rowIndex) (i32.shl (local.get $t) (i32.const 2)))) (local.get $rowBytes))))
                (local.set $vv ($V.splat ($T.load (i32.add (local.get $values) (i32.shl (local.get $t) (i32.const $SHIFT))))))
                (v128.store (local.get $row) ($V.add (v128.load (local.get $row)) ($V.mul (local.get $d0) (local.get $vv))))
                (v128.store offset=16 (local.get $row) ($V.add (v128.load offset=16 (local.get $row)) ($V.mul (local.get $d1) (local.get $vv))))
                (v128.store offset=32 (local.get $row) ($V.add (v128.load offset=32 (local.get $row)) ($V.mul (local.get $d2) (local.get $vv))))
                (v128.store offset=48 (local.get $row) ($V.add (v128.load offset=48 (local.get $row)) ($V.mul (local.get $d3) (local.get $vv))))
                (local.set $t (i32.add (local.get $t) (i32.const 1)))
                (br $blockNonZeros))))
            (local.set $c (i32.add (local.get $c) (i32.const 64)))
            (br $blocks))))
        ;; The rest of each row (fewer than four vectors, then single values: up to three for
        ;; f32, at most one for f64), one vector at a time.
        (local.set $t (if (result i32) (i32.lt_u (local.get $blockEnd) (local.get $bytes)) (then (local.get $start)) (else (local.get $end))))
        (loop $nonZeros
          (if (i32.lt_u (local.get $t) (local.get $end)) (then
            (local.set $row (i32.add (local.get $gT)
              (i32.mul (i32.load (i32.add (local.get $rowIndex) (i32.shl (local.get $t) (i32.const 2)))) (local.get $rowBytes))))
            (local.set $v ($T.load (i32.add (local.get $values) (i32.shl (local.get $t) (i32.const $SHIFT)))))
            (local.set $vv ($V.splat (local.get $v)))
            (local.set $i (local.get $blockEnd))
            (loop $lanes
              (if (i32.lt_u (local.get $i) (local.get $vecBytes)) (then
                (v128.store (i32.add (local.get $row) (local.get $i))
                  ($V.add (v128.load (i32.add (local.get $row) (local.get $i)))
                          ($V.mul (v128.load (i32.add (local.get $tmp) (local.get $i))) (local.get $vv))))
                (local.set $i (i32.add (local.get $i) (i32.const 16)))
                (br $lanes))))
            @f32 loop $tail
            (if (i32.lt_u (local.get $i) (local.get $bytes)) (then
              ($T.store (i32.add (local.get $row) (local.get $i))
                ($T.add ($T.load (i32.add (local.get $row) (local.get $i)))
                        ($T.mul ($T.load (i32.add (local.get $tmp) (local.get $i))) (local.get $v))))
              @f32 (local.set $i (i32.add (local.get $i) (i32.const 4))) (br $tail)
            ))
            @f32 end
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $nonZeros))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $columns)))))

  ;; The seed's update w ← w − rate·g over n values, $LANES lanes at a time. Returns Σ w·0,
  ;; which is NaN exactly when some updated w is NaN or ±∞ (the divergence guard's check).
  (func (export "sgdStep$SUFFIX") (param $w i32) (param $g i32) (param $n i32) (param $rate $T) (result $T)
    (local $i i32) (local $end i32) (local $vecEnd i32) (local $r v128) (local $check v128) (local $x v128) (local $s $T)
    (local.set $end (i32.shl (local.get $n) (i32.const $SHIFT)))
    (local.set $vecEnd (i32.and (local.get $end) (i32.const -16)))
    (local.set $r ($V.splat (local.get $rate)))
    (loop $lanes
      (if (i32.lt_u (local.get $i) (local.get $vecEnd)) (then
        (local.set $x ($V.sub (v128.load (i32.add (local.get $w) (local.get $i)))
                              ($V.mul (local.get $r) (v128.load (i32.add (local.get $g) (local.get $i))))))
        (v128.store (i32.add (local.get $w) (local.get $i)) (local.get $x))
        (local.set $check ($V.add (local.get $check) ($V.mul (local.get $x) (v128.const i64x2 0 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $lanes))))
    (local.set $s ($HSUM $check))
    ;; The values left: up to three for f32 (a loop), at most one for f64 (an if).
    @f32 loop $tail
    (if (i32.lt_u (local.get $i) (local.get $end)) (then
      ($T.store (i32.add (local.get $w) (local.get $i))
        ($T.sub ($T.load (i32.add (local.get $w) (local.get $i)))
                ($T.mul (local.get $rate) ($T.load (i32.add (local.get $g) (local.get $i))))))
      (local.set $s ($T.add (local.get $s) ($T.mul ($T.load (i32.add (local.get $w) (local.get $i))) ($T.const 0))))
      @f32 (local.set $i (i32.add (local.get $i) (i32.const 4))) (br $tail)
    ))
    @f32 end
    (local.get $s))
  ;; @end

  ;; ---- row lists: a batch touches only the rows of its inked pixels (rows[0 .. count)) ----
  ;; Zeroes `widthBytes` bytes at the start of each listed row of g (rows are rowBytes apart).
  (func (export "clearRows") (param $g i32) (param $rowBytes i32) (param $widthBytes i32) (param $rows i32) (param $count i32)
    (local $n i32)
    (loop $each
      (if (i32.lt_u (local.get $n) (local.get $count)) (then
        (memory.fill
          (i32.add (local.get $g) (i32.mul (i32.load (i32.add (local.get $rows) (i32.shl (local.get $n) (i32.const 2)))) (local.get $rowBytes)))
          (i32.const 0) (local.get $widthBytes))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $each)))))

  ;; @both
  ;; The seed's update on `width` values of each listed row (rows are stride values apart),
  ;; zeroing g there as it goes: the gradient is consumed, so the next batch finds it clear
  ;; without another pass. Where g is 0 (unlisted rows) w − rate·0 = w, so skipping them is
  ;; exact. Returns Σ w·0 over the updated values, as sgdStep.
  (func (export "sgdRows$SUFFIX") (param $w i32) (param $g i32) (param $stride i32) (param $width i32)
    (param $rows i32) (param $count i32) (param $rate $T) (result $T)
    (local $n i32) (local $i i32) (local $bytes i32) (local $vecEnd i32) (local $wp i32) (local $gp i32)
    (local $r v128) (local $x v128) (local $check v128) (local $s $T)
    (local.set $bytes (i32.shl (local.get $width) (i32.const $SHIFT)))
    (local.set $vecEnd (i32.and (local.get $bytes) (i32.const -16)))
    (local.set $r ($V.splat (local.get $rate)))
    (loop $each
      (if (i32.lt_u (local.get $n) (local.get $count)) (then
        (local.set $wp (i32.mul (i32.load (i32.add (local.get $rows) (i32.shl (local.get $n) (i32.const 2))))
                                (i32.shl (local.get $stride) (i32.const $SHIFT))))
        (local.set $gp (i32.add (local.get $g) (local.get $wp)))
        (local.set $wp (i32.add (local.get $w) (local.get $wp)))
        (local.set $i (i32.const 0))
        (loop $lanes
          (if (i32.lt_u (local.get $i) (local.get $vecEnd)) (then
            (local.set $x ($V.sub (v128.load (i32.add (local.get $wp) (local.get $i)))
                                  ($V.mul (local.get $r) (v128.load (i32.add (local.get $gp) (local.get $i))))))
            (v128.store (i32.add (local.get $wp) (local.get $i)) (local.get $x))
            (v128.store (i32.add (local.get $gp) (local.get $i)) (v128.const i64x2 0 0))
            (local.set $check ($V.add (local.get $check) ($V.mul (local.get $x) (v128.const i64x2 0 0))))
            (local.set $i (i32.add (local.get $i) (i32.const 16)))
            (br $lanes))))
        (loop $tail
          (if (i32.lt_u (local.get $i) (local.get $bytes)) (then
            ($T.store (i32.add (local.get $wp) (local.get $i))
              ($T.sub ($T.load (i32.add (local.get $wp) (local.get $i)))
                      ($T.mul (local.get $rate) ($T.load (i32.add (local.get $gp) (local.get $i))))))
            ($T.store (i32.add (local.get $gp) (local.get $i)) ($T.const 0))
            (local.set $s ($T.add (local.get $s) ($T.mul ($T.load (i32.add (local.get $wp) (local.get $i))) ($T.const 0))))
            (local.set $i (i32.add (local.get $i) (i32.const $B)))
            (br $tail))))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $each))))

    ($T.add (local.get $s) ($HSUM $check)))
  ;; @end

  ;; Lists the distinct rows of a sparse batch's non-zeros (its inked pixels) in rows[0 …),
  ;; in order of first appearance, and returns how many; mark (one byte per row, all 0) is
  ;; left all 0 again.
  (func (export "inkedRows") (param $colStart i32) (param $rowIndex i32) (param $m i32) (param $mark i32) (param $rows i32) (result i32)
    (local $t i32) (local $end i32) (local $r i32) (local $count i32) (local $n i32)
    (local.set $end (i32.shl (i32.load (i32.add (local.get $colStart) (i32.shl (local.get $m) (i32.const 2)))) (i32.const 2)))
    (local.set $t (i32.shl (i32.load (local.get $colStart)) (i32.const 2)))
    (loop $nonZeros
      (if (i32.lt_u (local.get $t) (local.get $end)) (then
        (local.set $r (i32.load (i32.add (local.get $rowIndex) (local.get $t))))
        (if (i32.eqz (i32.load8_u (i32.add (local.get $mark) (local.get $r)))) (then
          (i32.store8 (i32.add (local.get $mark) (local.get $r)) (i32.const 1))
          (i32.store (i32.add (local.get $rows) (i32.shl (local.get $count) (i32.const 2))) (local.get $r))
          (local.set $count (i32.add (local.get $count) (i32.const 1)))))
        (local.set $t (i32.add (local.get $t) (i32.const 4)))
        (br $nonZeros))))
    (loop $unmark
      (if (i32.lt_u (local.get $n) (local.get $count)) (then
        (i32.store8 (i32.add (local.get $mark) (i32.load (i32.add (local.get $rows) (i32.shl (local.get $n) (i32.const 2))))) (i32.const 0))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $unmark))))
    (local.get $count))

  ;; ---- dense products for the layers after the first (see gemm-wasm.ts) ----
  ;; ---- the dense products (gemm.ts) ----
  ;; @include gemm.wat

  ;; ---- convolutions: im2col and col2im (conv-wasm.ts) ----
  ;; @include conv.wat

  ;; ---- element-wise kernels of the layers: relu, max pooling (elementwise-wasm.ts) ----
  ;; @include elementwise.wat

  ;; ---- sigmoid with linalg's exp, the bits of activations' sigmoidScalar (sigmoid-wasm.ts) ----
  ;; @include sigmoid.wat

  ;; ---- SGD steps on parameters kept in an arena, the bits of the JS loops (parameter-arena.ts) ----
  ;; @include update.wat

  ;; ---- L2 weight decay, w ← factor·w over n values (regularization.ts) ----
  ;; @both
  (func (export "scale$SUFFIX") (param $x i32) (param $n i32) (param $factor $T)
    (local $i i32) (local $end i32) (local $vecEnd i32) (local $f v128)
    (local.set $end (i32.shl (local.get $n) (i32.const $SHIFT)))
    (local.set $vecEnd (i32.and (local.get $end) (i32.const -16)))
    (local.set $f ($V.splat (local.get $factor)))
    (loop $lanes
      (if (i32.lt_u (local.get $i) (local.get $vecEnd)) (then
        (v128.store (i32.add (local.get $x) (local.get $i))
          ($V.mul (local.get $f) (v128.load (i32.add (local.get $x) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $lanes))))
    (loop $tail
      (if (i32.lt_u (local.get $i) (local.get $end)) (then
        ($T.store (i32.add (local.get $x) (local.get $i))
          ($T.mul (local.get $factor) ($T.load (i32.add (local.get $x) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const $B)))
        (br $tail)))))
  ;; @end

  ;; ---- a sparse batch as a data set stores it → the kernels' form ----
  ;; rowIndex[t] ← rows16[t] (u16 pixel indices widened to i32) and values[t] ← table[bytes[t]]
  ;; (u8 pixel values through a 256-entry table of v/255 in the network's precision), t < count.
  (func $widenIndices (param $rowIndex i32) (param $rows16 i32) (param $count i32)
    (local $t i32) (local $end i32) (local $x v128)
    (local.set $end (i32.and (local.get $count) (i32.const -8)))
    (loop $vectors
      (if (i32.lt_u (local.get $t) (local.get $end)) (then
        (local.set $x (v128.load (i32.add (local.get $rows16) (i32.shl (local.get $t) (i32.const 1)))))
        (v128.store (i32.add (local.get $rowIndex) (i32.shl (local.get $t) (i32.const 2)))
          (i32x4.extend_low_i16x8_u (local.get $x)))
        (v128.store offset=16 (i32.add (local.get $rowIndex) (i32.shl (local.get $t) (i32.const 2)))
          (i32x4.extend_high_i16x8_u (local.get $x)))
        (local.set $t (i32.add (local.get $t) (i32.const 8)))
        (br $vectors))))
    (loop $rest
      (if (i32.lt_u (local.get $t) (local.get $count)) (then
        (i32.store (i32.add (local.get $rowIndex) (i32.shl (local.get $t) (i32.const 2)))
          (i32.load16_u (i32.add (local.get $rows16) (i32.shl (local.get $t) (i32.const 1)))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $rest)))))

  ;; @both
  (func (export "expandBytes$SUFFIX") (param $rowIndex i32) (param $values i32) (param $rows16 i32) (param $bytes i32) (param $count i32) (param $table i32)
    (local $t i32)
    (call $widenIndices (local.get $rowIndex) (local.get $rows16) (local.get $count))
    (loop $each
      (if (i32.lt_u (local.get $t) (local.get $count)) (then
        ($T.store (i32.add (local.get $values) (i32.shl (local.get $t) (i32.const $SHIFT)))
          ($T.load (i32.add (local.get $table) (i32.shl (i32.load8_u (i32.add (local.get $bytes) (local.get $t))) (i32.const $SHIFT)))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $each)))))
  ;; @end

  ;; ---- momentum and Adam on arena weights (optimizers' momentum.ts and adam.ts) ----
  ;; Their state (v; m and v) is float64, as in JS; float32 weights and gradients are widened
  ;; to float64 and the weight rounded back on store, as a Float32Array loop does, so every
  ;; value is the JS loop's ($LOAD2, $STORE2 and their one-value forms do that). Two values
  ;; at a time; i counts bytes of w (the state's byte offset is i·8/e = i << $STATE_SHIFT).
  ;; Returns Σ w·0 over the stored weights: NaN if one is not finite.
  ;; @both
  ;; Momentum: step = rate·g; v ← μv − step; w ← w + v (Nesterov: w ← w + (μv − step)).
  (func (export "momentum$SUFFIX") (param $w i32) (param $g i32) (param $v i32) (param $n i32)
    (param $mu f64) (param $rate f64) (param $nesterov i32) (result f64)
    (local $i i32) (local $end i32) (local $pairs i32) (local $r v128) (local $mu2 v128) (local $nest v128)
    (local $step v128) (local $vel v128) (local $check v128)
    (local.set $end (i32.mul (local.get $n) (i32.const $B)))
    (local.set $pairs (i32.and (local.get $end) (i32.const -$PAIR_BYTES)))
    (local.set $r (f64x2.splat (local.get $rate)))
    (local.set $mu2 (f64x2.splat (local.get $mu)))
    (local.set $nest (i64x2.splat (i64.extend_i32_s (i32.sub (i32.const 0) (local.get $nesterov)))))
    (loop $each
      (if (i32.lt_u (local.get $i) (local.get $pairs)) (then
            (local.set $step (f64x2.mul (local.get $r) ($LOAD2 (i32.add (local.get $g) (local.get $i)))))
            (local.set $vel (f64x2.sub (f64x2.mul (local.get $mu2) (v128.load (i32.add (local.get $v) (i32.shl (local.get $i) (i32.const $STATE_SHIFT))))) (local.get $step)))
            (v128.store (i32.add (local.get $v) (i32.shl (local.get $i) (i32.const $STATE_SHIFT))) (local.get $vel))
            ($STORE2 (i32.add (local.get $w) (local.get $i)) (f64x2.add ($LOAD2 (i32.add (local.get $w) (local.get $i))) (v128.bitselect (f64x2.sub (f64x2.mul (local.get $mu2) (local.get $vel)) (local.get $step)) (local.get $vel) (local.get $nest))))
            (local.set $check (f64x2.add (local.get $check) (f64x2.mul ($LOAD2 (i32.add (local.get $w) (local.get $i))) (v128.const f64x2 0 0))))
            (local.set $i (i32.add (local.get $i) (i32.const $PAIR_BYTES)))
            (br $each))))
    (if (i32.lt_u (local.get $i) (local.get $end)) (then
            (local.set $step (f64x2.mul (local.get $r) ($LOAD1 (i32.add (local.get $g) (local.get $i)))))
            (local.set $vel (f64x2.sub (f64x2.mul (local.get $mu2) (v128.load64_zero (i32.add (local.get $v) (i32.shl (local.get $i) (i32.const $STATE_SHIFT))))) (local.get $step)))
            (v128.store64_lane 0 (i32.add (local.get $v) (i32.shl (local.get $i) (i32.const $STATE_SHIFT))) (local.get $vel))
            ($STORE1 (i32.add (local.get $w) (local.get $i)) (f64x2.add ($LOAD1 (i32.add (local.get $w) (local.get $i))) (v128.bitselect (f64x2.sub (f64x2.mul (local.get $mu2) (local.get $vel)) (local.get $step)) (local.get $vel) (local.get $nest))))
            (local.set $check (f64x2.add (local.get $check) (f64x2.mul ($LOAD1 (i32.add (local.get $w) (local.get $i))) (v128.const f64x2 0 0))))))
    (f64.add (f64x2.extract_lane 0 (local.get $check)) (f64x2.extract_lane 1 (local.get $check))))
  ;; @end

  ;; @both
  ;; Adam: g ← g/m; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g·g; w ← w − η(m/c₁)/(√(v/c₂) + ε).
  (func (export "adam$SUFFIX") (param $w i32) (param $g i32) (param $m i32) (param $v i32) (param $n i32)
    (param $batchSize f64) (param $beta1 f64) (param $beta2 f64) (param $oneMinusBeta1 f64) (param $oneMinusBeta2 f64)
    (param $correction1 f64) (param $correction2 f64) (param $eta f64) (param $epsilon f64) (result f64)
    (local $i i32) (local $end i32) (local $pairs i32) (local $batch v128) (local $b1 v128) (local $b2 v128)
    (local $one1 v128) (local $one2 v128) (local $c1 v128) (local $c2 v128) (local $eta2 v128) (local $eps2 v128)
    (local $gr v128) (local $m1 v128) (local $m2 v128) (local $check v128)
    (local.set $end (i32.mul (local.get $n) (i32.const $B)))
    (local.set $pairs (i32.and (local.get $end) (i32.const -$PAIR_BYTES)))
    (local.set $batch (f64x2.splat (local.get $batchSize)))
    (local.set $b1 (f64x2.splat (local.get $beta1)))
    (local.set $b2 (f64x2.splat (local.get $beta2)))
    (local.set $one1 (f64x2.splat (local.get $oneMinusBeta1)))
    (local.set $one2 (f64x2.splat (local.get $oneMinusBeta2)))
    (local.set $c1 (f64x2.splat (local.get $correction1)))
    (local.set $c2 (f64x2.splat (local.get $correction2)))
    (local.set $eta2 (f64x2.splat (local.get $eta)))
    (local.set $eps2 (f64x2.splat (local.get $epsilon)))
    (loop $each
      (if (i32.lt_u (local.get $i) (local.get $pairs)) (then
            (local.set $gr (f64x2.div ($LOAD2 (i32.add (local.get $g) (local.get $i))) (local.get $batch)))
            (local.set $m1 (f64x2.add (f64x2.mul (local.get $b1) (v128.load (i32.add (local.get $m) (i32.shl (local.get $i) (i32.const $STATE_SHIFT))))) (f64x2.mul (local.get $one1) (local.get $gr))))
            (local.set $m2 (f64x2.add (f64x2.mul (local.get $b2) (v128.load (i32.add (local.get $v) (i32.shl (local.get $i) (i32.const $STATE_SHIFT))))) (f64x2.mul (f64x2.mul (local.get $one2) (local.get $gr)) (local.get $gr))))
            (v128.store (i32.add (local.get $m) (i32.shl (local.get $i) (i32.const $STATE_SHIFT))) (local.get $m1))
            (v128.store (i32.add (local.get $v) (i32.shl (local.get $i) (i32.const $STATE_SHIFT))) (local.get $m2))
            ($STORE2 (i32.add (local.get $w) (local.get $i)) (f64x2.sub ($LOAD2 (i32.add (local.get $w) (local.get $i))) (f64x2.div (f64x2.mul (local.get $eta2) (f64x2.div (local.get $m1) (local.get $c1))) (f64x2.add (f64x2.sqrt (f64x2.div (local.get $m2) (local.get $c2))) (local.get $eps2)))))
            (local.set $check (f64x2.add (local.get $check) (f64x2.mul ($LOAD2 (i32.add (local.get $w) (local.get $i))) (v128.const f64x2 0 0))))
            (local.set $i (i32.add (local.get $i) (i32.const $PAIR_BYTES)))
            (br $each))))
    (if (i32.lt_u (local.get $i) (local.get $end)) (then
            (local.set $gr (f64x2.div ($LOAD1 (i32.add (local.get $g) (local.get $i))) (local.get $batch)))
            (local.set $m1 (f64x2.add (f64x2.mul (local.get $b1) (v128.load64_zero (i32.add (local.get $m) (i32.shl (local.get $i) (i32.const $STATE_SHIFT))))) (f64x2.mul (local.get $one1) (local.get $gr))))
            (local.set $m2 (f64x2.add (f64x2.mul (local.get $b2) (v128.load64_zero (i32.add (local.get $v) (i32.shl (local.get $i) (i32.const $STATE_SHIFT))))) (f64x2.mul (f64x2.mul (local.get $one2) (local.get $gr)) (local.get $gr))))
            (v128.store64_lane 0 (i32.add (local.get $m) (i32.shl (local.get $i) (i32.const $STATE_SHIFT))) (local.get $m1))
            (v128.store64_lane 0 (i32.add (local.get $v) (i32.shl (local.get $i) (i32.const $STATE_SHIFT))) (local.get $m2))
            ($STORE1 (i32.add (local.get $w) (local.get $i)) (f64x2.sub ($LOAD1 (i32.add (local.get $w) (local.get $i))) (f64x2.div (f64x2.mul (local.get $eta2) (f64x2.div (local.get $m1) (local.get $c1))) (f64x2.add (f64x2.sqrt (f64x2.div (local.get $m2) (local.get $c2))) (local.get $eps2)))))
            (local.set $check (f64x2.add (local.get $check) (f64x2.mul ($LOAD1 (i32.add (local.get $w) (local.get $i))) (v128.const f64x2 0 0))))))
    (f64.add (f64x2.extract_lane 0 (local.get $check)) (f64x2.extract_lane 1 (local.get $check))))
  ;; @end
)
