;; SIMD kernels for a network's first layer on sparse inputs (MNIST's inked pixels).
;; Built to kernels-binary.ts by scripts/build-wasm.mjs (wabt); the JS reference for each is
;; in gemm-sparse.ts and the tests hold them equal.
;;
;; Layout: the first layer's weights are kept input-major, wT = (w¹)ᵀ (inputs × h, row r of
;; wT is column r of w¹), so every non-zero pixel touches one contiguous row of h weights:
;; an axpy that f64x2 / f32x4 lanes do two or four at a time. The sparse batch is by columns
;; (CSC): column j's non-zeros are rowIndex[colStart[j] .. colStart[j+1]) with their values.
;; Pointers are byte offsets into the imported memory; h is the number of hidden neurons.
(module
  (import "env" "memory" (memory 1))

  ;; z (h × m, row-major) = wᵀ-stored weights times the sparse batch: z[i,j] = Σₜ wT[rₜ,i]·vₜ.
  ;; tmp: h scratch values (the column being summed, contiguous).
  (func (export "sparseForwardF64")
    (param $wT i32) (param $h i32) (param $colStart i32) (param $rowIndex i32) (param $values i32)
    (param $m i32) (param $z i32) (param $tmp i32)
    (local $j i32) (local $t i32) (local $start i32) (local $end i32) (local $i i32) (local $row i32)
    (local $v f64) (local $vv v128) (local $bytes i32) (local $vecBytes i32)
    (local $c i32) (local $blockEnd i32) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $bytes (i32.shl (local.get $h) (i32.const 3)))
    (local.set $vecBytes (i32.and (local.get $bytes) (i32.const -16)))
    (local.set $blockEnd (i32.and (local.get $bytes) (i32.const -64)))
    (loop $columns
      (if (i32.lt_u (local.get $j) (local.get $m)) (then
        (memory.fill (local.get $tmp) (i32.const 0) (local.get $bytes))
        (local.set $start (i32.load (i32.add (local.get $colStart) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $end (i32.load (i32.add (local.get $colStart) (i32.shl (i32.add (local.get $j) (i32.const 1)) (i32.const 2)))))
        ;; Blocks of four vectors summed in registers over all non-zeros, stored once.
        (local.set $c (i32.const 0))
        (loop $blocks
          (if (i32.lt_u (local.get $c) (local.get $blockEnd)) (then
            (local.set $a0 (v128.const i64x2 0 0)) (local.set $a1 (v128.const i64x2 0 0))
            (local.set $a2 (v128.const i64x2 0 0)) (local.set $a3 (v128.const i64x2 0 0))
            (local.set $t (local.get $start))
            (loop $blockNonZeros
              (if (i32.lt_u (local.get $t) (local.get $end)) (then
                (local.set $row (i32.add (i32.add (local.get $wT) (local.get $c))
                  (i32.mul (i32.load (i32.add (local.get $rowIndex) (i32.shl (local.get $t) (i32.const 2)))) (local.get $bytes))))
                (local.set $vv (f64x2.splat (f64.load (i32.add (local.get $values) (i32.shl (local.get $t) (i32.const 3))))))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load (local.get $row)) (local.get $vv))))
                (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (v128.load offset=16 (local.get $row)) (local.get $vv))))
                (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (v128.load offset=32 (local.get $row)) (local.get $vv))))
                (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (v128.load offset=48 (local.get $row)) (local.get $vv))))
                (local.set $t (i32.add (local.get $t) (i32.const 1)))
                (br $blockNonZeros))))
            (v128.store (i32.add (local.get $tmp) (local.get $c)) (local.get $a0))
            (v128.store offset=16 (i32.add (local.get $tmp) (local.get $c)) (local.get $a1))
            (v128.store offset=32 (i32.add (local.get $tmp) (local.get $c)) (local.get $a2))
            (v128.store offset=48 (i32.add (local.get $tmp) (local.get $c)) (local.get $a3))
            (local.set $c (i32.add (local.get $c) (i32.const 64)))
            (br $blocks))))
        ;; The rest of the column (fewer than four vectors, and an odd lane) through tmp.
        (local.set $t (if (result i32) (i32.lt_u (local.get $blockEnd) (local.get $bytes)) (then (local.get $start)) (else (local.get $end))))
        (loop $nonZeros
          (if (i32.lt_u (local.get $t) (local.get $end)) (then
            (local.set $row (i32.add (local.get $wT)
              (i32.mul (i32.load (i32.add (local.get $rowIndex) (i32.shl (local.get $t) (i32.const 2)))) (local.get $bytes))))
            (local.set $v (f64.load (i32.add (local.get $values) (i32.shl (local.get $t) (i32.const 3)))))
            (local.set $vv (f64x2.splat (local.get $v)))
            ;; tmp[i..i+1] += wT[row, i..i+1] · v, two lanes at a time, then the odd one.
            (local.set $i (local.get $blockEnd))
            (loop $lanes
              (if (i32.lt_u (local.get $i) (local.get $vecBytes)) (then
                (v128.store (i32.add (local.get $tmp) (local.get $i))
                  (f64x2.add (v128.load (i32.add (local.get $tmp) (local.get $i)))
                             (f64x2.mul (v128.load (i32.add (local.get $row) (local.get $i))) (local.get $vv))))
                (local.set $i (i32.add (local.get $i) (i32.const 16)))
                (br $lanes))))
            (if (i32.lt_u (local.get $i) (local.get $bytes)) (then
              (f64.store (i32.add (local.get $tmp) (local.get $i))
                (f64.add (f64.load (i32.add (local.get $tmp) (local.get $i)))
                         (f64.mul (f64.load (i32.add (local.get $row) (local.get $i))) (local.get $v))))))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $nonZeros))))
        ;; column j of z ← tmp
        (local.set $i (i32.const 0))
        (loop $store
          (if (i32.lt_u (local.get $i) (local.get $h)) (then
            (f64.store (i32.add (local.get $z) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $m)) (local.get $j)) (i32.const 3)))
                       (f64.load (i32.add (local.get $tmp) (i32.shl (local.get $i) (i32.const 3)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $store))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $columns)))))

  ;; BP4 for the first layer, input-major: gT (k × h) = S·δᵀ, gT[r,i] = Σⱼ S[r,j]·δ[i,j],
  ;; with δ (h × m, row-major). gT is cleared first; tmp holds δ's column j, contiguous.
  (func (export "sparseGradientF64")
    (param $gT i32) (param $h i32) (param $k i32) (param $colStart i32) (param $rowIndex i32) (param $values i32)
    (param $m i32) (param $delta i32) (param $tmp i32)
    (local $j i32) (local $t i32) (local $start i32) (local $end i32) (local $i i32) (local $row i32)
    (local $v f64) (local $vv v128) (local $bytes i32) (local $vecBytes i32)
    (local $c i32) (local $blockEnd i32) (local $d0 v128) (local $d1 v128) (local $d2 v128) (local $d3 v128)
    (local.set $bytes (i32.shl (local.get $h) (i32.const 3)))
    (local.set $vecBytes (i32.and (local.get $bytes) (i32.const -16)))
    (local.set $blockEnd (i32.and (local.get $bytes) (i32.const -64)))
    (memory.fill (local.get $gT) (i32.const 0) (i32.mul (local.get $k) (local.get $bytes)))
    (loop $columns
      (if (i32.lt_u (local.get $j) (local.get $m)) (then
        (local.set $i (i32.const 0))
        (loop $gather
          (if (i32.lt_u (local.get $i) (local.get $h)) (then
            (f64.store (i32.add (local.get $tmp) (i32.shl (local.get $i) (i32.const 3)))
                       (f64.load (i32.add (local.get $delta) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $m)) (local.get $j)) (i32.const 3)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $gather))))
        (local.set $start (i32.load (i32.add (local.get $colStart) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $end (i32.load (i32.add (local.get $colStart) (i32.shl (i32.add (local.get $j) (i32.const 1)) (i32.const 2)))))
        ;; Blocks of four vectors of δ's column held in registers, added into every row.
        (local.set $c (i32.const 0))
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
                  (i32.mul (i32.load (i32.add (local.get $rowIndex) (i32.shl (local.get $t) (i32.const 2)))) (local.get $bytes))))
                (local.set $vv (f64x2.splat (f64.load (i32.add (local.get $values) (i32.shl (local.get $t) (i32.const 3))))))
                (v128.store (local.get $row) (f64x2.add (v128.load (local.get $row)) (f64x2.mul (local.get $d0) (local.get $vv))))
                (v128.store offset=16 (local.get $row) (f64x2.add (v128.load offset=16 (local.get $row)) (f64x2.mul (local.get $d1) (local.get $vv))))
                (v128.store offset=32 (local.get $row) (f64x2.add (v128.load offset=32 (local.get $row)) (f64x2.mul (local.get $d2) (local.get $vv))))
                (v128.store offset=48 (local.get $row) (f64x2.add (v128.load offset=48 (local.get $row)) (f64x2.mul (local.get $d3) (local.get $vv))))
                (local.set $t (i32.add (local.get $t) (i32.const 1)))
                (br $blockNonZeros))))
            (local.set $c (i32.add (local.get $c) (i32.const 64)))
            (br $blocks))))
        ;; The rest of each row (fewer than four vectors, and an odd lane), one vector at a time.
        (local.set $t (if (result i32) (i32.lt_u (local.get $blockEnd) (local.get $bytes)) (then (local.get $start)) (else (local.get $end))))
        (loop $nonZeros
          (if (i32.lt_u (local.get $t) (local.get $end)) (then
            (local.set $row (i32.add (local.get $gT)
              (i32.mul (i32.load (i32.add (local.get $rowIndex) (i32.shl (local.get $t) (i32.const 2)))) (local.get $bytes))))
            (local.set $v (f64.load (i32.add (local.get $values) (i32.shl (local.get $t) (i32.const 3)))))
            (local.set $vv (f64x2.splat (local.get $v)))
            (local.set $i (local.get $blockEnd))
            (loop $lanes
              (if (i32.lt_u (local.get $i) (local.get $vecBytes)) (then
                (v128.store (i32.add (local.get $row) (local.get $i))
                  (f64x2.add (v128.load (i32.add (local.get $row) (local.get $i)))
                             (f64x2.mul (v128.load (i32.add (local.get $tmp) (local.get $i))) (local.get $vv))))
                (local.set $i (i32.add (local.get $i) (i32.const 16)))
                (br $lanes))))
            (if (i32.lt_u (local.get $i) (local.get $bytes)) (then
              (f64.store (i32.add (local.get $row) (local.get $i))
                (f64.add (f64.load (i32.add (local.get $row) (local.get $i)))
                         (f64.mul (f64.load (i32.add (local.get $tmp) (local.get $i))) (local.get $v))))))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $nonZeros))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $columns)))))
;; The seed's update w ← w − rate·g over n values, two lanes at a time. Returns Σ w·0,
  ;; which is NaN exactly when some updated w is NaN or ±∞ (the divergence guard's check).
  (func (export "sgdStepF64") (param $w i32) (param $g i32) (param $n i32) (param $rate f64) (result f64)
    (local $i i32) (local $end i32) (local $vecEnd i32) (local $r v128) (local $check v128) (local $x v128) (local $s f64)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (local.set $vecEnd (i32.and (local.get $end) (i32.const -16)))
    (local.set $r (f64x2.splat (local.get $rate)))
    (loop $lanes
      (if (i32.lt_u (local.get $i) (local.get $vecEnd)) (then
        (local.set $x (f64x2.sub (v128.load (i32.add (local.get $w) (local.get $i)))
                                 (f64x2.mul (local.get $r) (v128.load (i32.add (local.get $g) (local.get $i))))))
        (v128.store (i32.add (local.get $w) (local.get $i)) (local.get $x))
        (local.set $check (f64x2.add (local.get $check) (f64x2.mul (local.get $x) (v128.const f64x2 0 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $lanes))))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $check)) (f64x2.extract_lane 1 (local.get $check))))
    (if (i32.lt_u (local.get $i) (local.get $end)) (then
      (f64.store (i32.add (local.get $w) (local.get $i))
        (f64.sub (f64.load (i32.add (local.get $w) (local.get $i)))
                 (f64.mul (local.get $rate) (f64.load (i32.add (local.get $g) (local.get $i))))))
      (local.set $s (f64.add (local.get $s) (f64.mul (f64.load (i32.add (local.get $w) (local.get $i))) (f64.const 0))))))
    (local.get $s))

  ;; ---- float32: the same three kernels with four f32x4 lanes and 4-byte elements ----
  ;; z (h × m, row-major) = wᵀ-stored weights times the sparse batch: z[i,j] = Σₜ wT[rₜ,i]·vₜ.
  ;; tmp: h scratch values (the column being summed, contiguous).
  (func (export "sparseForwardF32")
    (param $wT i32) (param $h i32) (param $colStart i32) (param $rowIndex i32) (param $values i32)
    (param $m i32) (param $z i32) (param $tmp i32)
    (local $j i32) (local $t i32) (local $start i32) (local $end i32) (local $i i32) (local $row i32)
    (local $v f32) (local $vv v128) (local $bytes i32) (local $vecBytes i32)
    (local $c i32) (local $blockEnd i32) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $bytes (i32.shl (local.get $h) (i32.const 2)))
    (local.set $vecBytes (i32.and (local.get $bytes) (i32.const -16)))
    (local.set $blockEnd (i32.and (local.get $bytes) (i32.const -64)))
    (loop $columns
      (if (i32.lt_u (local.get $j) (local.get $m)) (then
        (memory.fill (local.get $tmp) (i32.const 0) (local.get $bytes))
        (local.set $start (i32.load (i32.add (local.get $colStart) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $end (i32.load (i32.add (local.get $colStart) (i32.shl (i32.add (local.get $j) (i32.const 1)) (i32.const 2)))))
        ;; Blocks of four vectors summed in registers over all non-zeros, stored once.
        (local.set $c (i32.const 0))
        (loop $blocks
          (if (i32.lt_u (local.get $c) (local.get $blockEnd)) (then
            (local.set $a0 (v128.const i64x2 0 0)) (local.set $a1 (v128.const i64x2 0 0))
            (local.set $a2 (v128.const i64x2 0 0)) (local.set $a3 (v128.const i64x2 0 0))
            (local.set $t (local.get $start))
            (loop $blockNonZeros
              (if (i32.lt_u (local.get $t) (local.get $end)) (then
                (local.set $row (i32.add (i32.add (local.get $wT) (local.get $c))
                  (i32.mul (i32.load (i32.add (local.get $rowIndex) (i32.shl (local.get $t) (i32.const 2)))) (local.get $bytes))))
                (local.set $vv (f32x4.splat (f32.load (i32.add (local.get $values) (i32.shl (local.get $t) (i32.const 2))))))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load (local.get $row)) (local.get $vv))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (v128.load offset=16 (local.get $row)) (local.get $vv))))
                (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (v128.load offset=32 (local.get $row)) (local.get $vv))))
                (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (v128.load offset=48 (local.get $row)) (local.get $vv))))
                (local.set $t (i32.add (local.get $t) (i32.const 1)))
                (br $blockNonZeros))))
            (v128.store (i32.add (local.get $tmp) (local.get $c)) (local.get $a0))
            (v128.store offset=16 (i32.add (local.get $tmp) (local.get $c)) (local.get $a1))
            (v128.store offset=32 (i32.add (local.get $tmp) (local.get $c)) (local.get $a2))
            (v128.store offset=48 (i32.add (local.get $tmp) (local.get $c)) (local.get $a3))
            (local.set $c (i32.add (local.get $c) (i32.const 64)))
            (br $blocks))))
        ;; The rest of the column (fewer than four vectors, and an odd lane) through tmp.
        (local.set $t (if (result i32) (i32.lt_u (local.get $blockEnd) (local.get $bytes)) (then (local.get $start)) (else (local.get $end))))
        (loop $nonZeros
          (if (i32.lt_u (local.get $t) (local.get $end)) (then
            (local.set $row (i32.add (local.get $wT)
              (i32.mul (i32.load (i32.add (local.get $rowIndex) (i32.shl (local.get $t) (i32.const 2)))) (local.get $bytes))))
            (local.set $v (f32.load (i32.add (local.get $values) (i32.shl (local.get $t) (i32.const 2)))))
            (local.set $vv (f32x4.splat (local.get $v)))
            ;; tmp[i..i+1] += wT[row, i..i+1] · v, two lanes at a time, then the odd one.
            (local.set $i (local.get $blockEnd))
            (loop $lanes
              (if (i32.lt_u (local.get $i) (local.get $vecBytes)) (then
                (v128.store (i32.add (local.get $tmp) (local.get $i))
                  (f32x4.add (v128.load (i32.add (local.get $tmp) (local.get $i)))
                             (f32x4.mul (v128.load (i32.add (local.get $row) (local.get $i))) (local.get $vv))))
                (local.set $i (i32.add (local.get $i) (i32.const 16)))
                (br $lanes))))
            (loop $tail
              (if (i32.lt_u (local.get $i) (local.get $bytes)) (then
                (f32.store (i32.add (local.get $tmp) (local.get $i))
                  (f32.add (f32.load (i32.add (local.get $tmp) (local.get $i)))
                           (f32.mul (f32.load (i32.add (local.get $row) (local.get $i))) (local.get $v))))
                (local.set $i (i32.add (local.get $i) (i32.const 4)))
                (br $tail))))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $nonZeros))))
        ;; column j of z ← tmp
        (local.set $i (i32.const 0))
        (loop $store
          (if (i32.lt_u (local.get $i) (local.get $h)) (then
            (f32.store (i32.add (local.get $z) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $m)) (local.get $j)) (i32.const 2)))
                       (f32.load (i32.add (local.get $tmp) (i32.shl (local.get $i) (i32.const 2)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $store))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $columns)))))

  ;; BP4 for the first layer, input-major: gT (k × h) = S·δᵀ, gT[r,i] = Σⱼ S[r,j]·δ[i,j],
  ;; with δ (h × m, row-major). gT is cleared first; tmp holds δ's column j, contiguous.
  (func (export "sparseGradientF32")
    (param $gT i32) (param $h i32) (param $k i32) (param $colStart i32) (param $rowIndex i32) (param $values i32)
    (param $m i32) (param $delta i32) (param $tmp i32)
    (local $j i32) (local $t i32) (local $start i32) (local $end i32) (local $i i32) (local $row i32)
    (local $v f32) (local $vv v128) (local $bytes i32) (local $vecBytes i32)
    (local $c i32) (local $blockEnd i32) (local $d0 v128) (local $d1 v128) (local $d2 v128) (local $d3 v128)
    (local.set $bytes (i32.shl (local.get $h) (i32.const 2)))
    (local.set $vecBytes (i32.and (local.get $bytes) (i32.const -16)))
    (local.set $blockEnd (i32.and (local.get $bytes) (i32.const -64)))
    (memory.fill (local.get $gT) (i32.const 0) (i32.mul (local.get $k) (local.get $bytes)))
    (loop $columns
      (if (i32.lt_u (local.get $j) (local.get $m)) (then
        (local.set $i (i32.const 0))
        (loop $gather
          (if (i32.lt_u (local.get $i) (local.get $h)) (then
            (f32.store (i32.add (local.get $tmp) (i32.shl (local.get $i) (i32.const 2)))
                       (f32.load (i32.add (local.get $delta) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $m)) (local.get $j)) (i32.const 2)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $gather))))
        (local.set $start (i32.load (i32.add (local.get $colStart) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $end (i32.load (i32.add (local.get $colStart) (i32.shl (i32.add (local.get $j) (i32.const 1)) (i32.const 2)))))
        ;; Blocks of four vectors of δ's column held in registers, added into every row.
        (local.set $c (i32.const 0))
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
                  (i32.mul (i32.load (i32.add (local.get $rowIndex) (i32.shl (local.get $t) (i32.const 2)))) (local.get $bytes))))
                (local.set $vv (f32x4.splat (f32.load (i32.add (local.get $values) (i32.shl (local.get $t) (i32.const 2))))))
                (v128.store (local.get $row) (f32x4.add (v128.load (local.get $row)) (f32x4.mul (local.get $d0) (local.get $vv))))
                (v128.store offset=16 (local.get $row) (f32x4.add (v128.load offset=16 (local.get $row)) (f32x4.mul (local.get $d1) (local.get $vv))))
                (v128.store offset=32 (local.get $row) (f32x4.add (v128.load offset=32 (local.get $row)) (f32x4.mul (local.get $d2) (local.get $vv))))
                (v128.store offset=48 (local.get $row) (f32x4.add (v128.load offset=48 (local.get $row)) (f32x4.mul (local.get $d3) (local.get $vv))))
                (local.set $t (i32.add (local.get $t) (i32.const 1)))
                (br $blockNonZeros))))
            (local.set $c (i32.add (local.get $c) (i32.const 64)))
            (br $blocks))))
        ;; The rest of each row (fewer than four vectors, and an odd lane), one vector at a time.
        (local.set $t (if (result i32) (i32.lt_u (local.get $blockEnd) (local.get $bytes)) (then (local.get $start)) (else (local.get $end))))
        (loop $nonZeros
          (if (i32.lt_u (local.get $t) (local.get $end)) (then
            (local.set $row (i32.add (local.get $gT)
              (i32.mul (i32.load (i32.add (local.get $rowIndex) (i32.shl (local.get $t) (i32.const 2)))) (local.get $bytes))))
            (local.set $v (f32.load (i32.add (local.get $values) (i32.shl (local.get $t) (i32.const 2)))))
            (local.set $vv (f32x4.splat (local.get $v)))
            (local.set $i (local.get $blockEnd))
            (loop $lanes
              (if (i32.lt_u (local.get $i) (local.get $vecBytes)) (then
                (v128.store (i32.add (local.get $row) (local.get $i))
                  (f32x4.add (v128.load (i32.add (local.get $row) (local.get $i)))
                             (f32x4.mul (v128.load (i32.add (local.get $tmp) (local.get $i))) (local.get $vv))))
                (local.set $i (i32.add (local.get $i) (i32.const 16)))
                (br $lanes))))
            (loop $tail
              (if (i32.lt_u (local.get $i) (local.get $bytes)) (then
                (f32.store (i32.add (local.get $row) (local.get $i))
                  (f32.add (f32.load (i32.add (local.get $row) (local.get $i)))
                           (f32.mul (f32.load (i32.add (local.get $tmp) (local.get $i))) (local.get $v))))
                (local.set $i (i32.add (local.get $i) (i32.const 4)))
                (br $tail))))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $nonZeros))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $columns)))))
;; The seed's update w ← w − rate·g over n values, two lanes at a time. Returns Σ w·0,
  ;; which is NaN exactly when some updated w is NaN or ±∞ (the divergence guard's check).
  (func (export "sgdStepF32") (param $w i32) (param $g i32) (param $n i32) (param $rate f32) (result f32)
    (local $i i32) (local $end i32) (local $vecEnd i32) (local $r v128) (local $check v128) (local $x v128) (local $s f32)
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (local.set $vecEnd (i32.and (local.get $end) (i32.const -16)))
    (local.set $r (f32x4.splat (local.get $rate)))
    (loop $lanes
      (if (i32.lt_u (local.get $i) (local.get $vecEnd)) (then
        (local.set $x (f32x4.sub (v128.load (i32.add (local.get $w) (local.get $i)))
                                 (f32x4.mul (local.get $r) (v128.load (i32.add (local.get $g) (local.get $i))))))
        (v128.store (i32.add (local.get $w) (local.get $i)) (local.get $x))
        (local.set $check (f32x4.add (local.get $check) (f32x4.mul (local.get $x) (v128.const f32x4 0 0 0 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $lanes))))
    (local.set $s (f32.add (f32.add (f32x4.extract_lane 0 (local.get $check)) (f32x4.extract_lane 1 (local.get $check)))
                           (f32.add (f32x4.extract_lane 2 (local.get $check)) (f32x4.extract_lane 3 (local.get $check)))))
    (loop $tail
      (if (i32.lt_u (local.get $i) (local.get $end)) (then
        (f32.store (i32.add (local.get $w) (local.get $i))
          (f32.sub (f32.load (i32.add (local.get $w) (local.get $i)))
                   (f32.mul (local.get $rate) (f32.load (i32.add (local.get $g) (local.get $i))))))
        (local.set $s (f32.add (local.get $s) (f32.mul (f32.load (i32.add (local.get $w) (local.get $i))) (f32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $tail))))
    (local.get $s))
)
