;; The dense products of backprop (gemm.ts), included into kernels.wat by the build. The
;; JS loops in gemm.ts are the reference and the tests hold these equal to them, bit for bit
;; in float64: every element of C sums its k terms in the same order as there.
;;
;;   feedforward   z = w·a      NN   gemmRows (aRow = k, aCol = 1)
;;   BP2           wᵀ·δ         TN   gemmRows (aRow = 1, aCol = m)
;;   BP4           δ·aᵀ         NT   gemmDot
;;
;; Register blocking: a product's time goes to loads unless each value loaded is used more
;; than once. gemmRows holds a 4-row × 2-vector block of C in eight registers over all of p:
;; per term it loads 2 vectors of B and 4 values of op(A) for 16 multiply-adds (one row at a
;; time, as before, loaded 5 for 8). gemmDot computes 2 × 2 dot products at once: 8 vectors
;; loaded per 16 multiply-adds instead of 4 per 4. Eight accumulators and the operands fit
;; the 16 SIMD registers of x64 without spilling; a 4 × 3 block would need all 16, and V8 keeps
;; one for itself.
;; No packing (BLIS copies operands into panels first): at the sizes training uses (batches of
;; 10 to 128 columns, layers of 10 to 800 neurons) a block's four rows of op(A) and B's
;; two-vector column panel are read from L1 and L2 in place, and the 4 × 2 block already runs
;; at about 90% of what the same multiply-adds reach from registers alone on this machine
;; (bench/gemm.bench.ts prints both), so a packed copy has little left to win.
;; Edges (rows beyond the last block of four, columns beyond the last two vectors) run the
;; same order of operations in smaller blocks, so results never depend on the blocking.

  ;; @both
  ;; C[i,:] += op(A)[i,p]·B[p,:] for p = 0 … k−1 (NN and TN: op(A)[i,p] is a[i·aRow + p·aCol],
  ;; strides in elements; B is k × n and C m × n, row-major). Each element sums its p terms
  ;; in order from C's old value, as gemm.ts's rowUpdateKernel does.
  (func (export "gemmRows$SUFFIX") (param $c i32) (param $a i32) (param $b i32) (param $m i32) (param $n i32)
    (param $k i32) (param $aRow i32) (param $aCol i32) (param $cols i32)
    (local $i i32) (local $p i32) (local $j i32) (local $rowBytes i32) (local $colBytes i32) (local $pairEnd i32) (local $blockEnd i32) (local $vecEnd i32)
    (local $cRow i32) (local $bRow i32) (local $bp i32) (local $ap i32) (local $aStep i32) (local $aFirst i32) (local $m4 i32)
    (local $a1Off i32) (local $a2Off i32) (local $a3Off i32) (local $c1Off i32) (local $c2Off i32) (local $c3Off i32)
    (local $x v128) (local $y0 v128) (local $y1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128) (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local $s $T) (local $t $T) (local $s0 $T) (local $s1 $T) (local $s2 $T) (local $s3 $T)
    (local.set $rowBytes (i32.shl (local.get $n) (i32.const $SHIFT)))
    (local.set $colBytes (i32.shl (local.get $cols) (i32.const $SHIFT)))
    (local.set $pairEnd (i32.and (local.get $colBytes) (i32.const -32)))
    (local.set $blockEnd (i32.and (local.get $colBytes) (i32.const -64)))
    (local.set $vecEnd (i32.and (local.get $colBytes) (i32.const -16)))
    (local.set $aStep (i32.shl (local.get $aCol) (i32.const $SHIFT)))
    (local.set $a1Off (i32.shl (local.get $aRow) (i32.const $SHIFT)))
    (local.set $a2Off (i32.shl (local.get $a1Off) (i32.const 1)))
    (local.set $a3Off (i32.add (local.get $a2Off) (local.get $a1Off)))
    (local.set $c1Off (local.get $rowBytes))
    (local.set $c2Off (i32.shl (local.get $rowBytes) (i32.const 1)))
    (local.set $c3Off (i32.add (local.get $c2Off) (local.get $rowBytes)))
    (local.set $m4 (i32.and (local.get $m) (i32.const -4)))
    ;; Rows four at a time: blocks of two vectors, then one vector, then single values.
    (loop $quads
      (if (i32.lt_u (local.get $i) (local.get $m4)) (then
        (local.set $cRow (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $aFirst (i32.add (local.get $a) (i32.shl (i32.mul (local.get $i) (local.get $aRow)) (i32.const $SHIFT))))
        (local.set $j (i32.const 0))
        (loop $pairs
          (if (i32.lt_u (local.get $j) (local.get $pairEnd)) (then
            (local.set $c00 (v128.load (i32.add (local.get $cRow) (local.get $j))))
            (local.set $c01 (v128.load offset=16 (i32.add (local.get $cRow) (local.get $j))))
            (local.set $c10 (v128.load (i32.add (i32.add (local.get $cRow) (local.get $c1Off)) (local.get $j))))
            (local.set $c11 (v128.load offset=16 (i32.add (i32.add (local.get $cRow) (local.get $c1Off)) (local.get $j))))
            (local.set $c20 (v128.load (i32.add (i32.add (local.get $cRow) (local.get $c2Off)) (local.get $j))))
            (local.set $c21 (v128.load offset=16 (i32.add (i32.add (local.get $cRow) (local.get $c2Off)) (local.get $j))))
            (local.set $c30 (v128.load (i32.add (i32.add (local.get $cRow) (local.get $c3Off)) (local.get $j))))
            (local.set $c31 (v128.load offset=16 (i32.add (i32.add (local.get $cRow) (local.get $c3Off)) (local.get $j))))
            (local.set $ap (local.get $aFirst)) (local.set $bp (i32.add (local.get $b) (local.get $j))) (local.set $p (i32.const 0))
            (loop $terms2
              (if (i32.lt_u (local.get $p) (local.get $k)) (then
                (local.set $y0 (v128.load (local.get $bp)))
                (local.set $y1 (v128.load offset=16 (local.get $bp)))
                (local.set $x ($V.splat ($T.load (local.get $ap))))
                (local.set $c00 ($V.add (local.get $c00) ($V.mul (local.get $x) (local.get $y0))))
                (local.set $c01 ($V.add (local.get $c01) ($V.mul (local.get $x) (local.get $y1))))
                (local.set $x ($V.splat ($T.load (i32.add (local.get $ap) (local.get $a1Off)))))
                (local.set $c10 ($V.add (local.get $c10) ($V.mul (local.get $x) (local.get $y0))))
                (local.set $c11 ($V.add (local.get $c11) ($V.mul (local.get $x) (local.get $y1))))
                (local.set $x ($V.splat ($T.load (i32.add (local.get $ap) (local.get $a2Off)))))
                (local.set $c20 ($V.add (local.get $c20) ($V.mul (local.get $x) (local.get $y0))))
                (local.set $c21 ($V.add (local.get $c21) ($V.mul (local.get $x) (local.get $y1))))
                (local.set $x ($V.splat ($T.load (i32.add (local.get $ap) (local.get $a3Off)))))
                (local.set $c30 ($V.add (local.get $c30) ($V.mul (local.get $x) (local.get $y0))))
                (local.set $c31 ($V.add (local.get $c31) ($V.mul (local.get $x) (local.get $y1))))
                (local.set $ap (i32.add (local.get $ap) (local.get $aStep)))
                (local.set $bp (i32.add (local.get $bp) (local.get $rowBytes)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $terms2))))
            (v128.store (i32.add (local.get $cRow) (local.get $j)) (local.get $c00))
            (v128.store offset=16 (i32.add (local.get $cRow) (local.get $j)) (local.get $c01))
            (v128.store (i32.add (i32.add (local.get $cRow) (local.get $c1Off)) (local.get $j)) (local.get $c10))
            (v128.store offset=16 (i32.add (i32.add (local.get $cRow) (local.get $c1Off)) (local.get $j)) (local.get $c11))
            (v128.store (i32.add (i32.add (local.get $cRow) (local.get $c2Off)) (local.get $j)) (local.get $c20))
            (v128.store offset=16 (i32.add (i32.add (local.get $cRow) (local.get $c2Off)) (local.get $j)) (local.get $c21))
            (v128.store (i32.add (i32.add (local.get $cRow) (local.get $c3Off)) (local.get $j)) (local.get $c30))
            (v128.store offset=16 (i32.add (i32.add (local.get $cRow) (local.get $c3Off)) (local.get $j)) (local.get $c31))
            (local.set $j (i32.add (local.get $j) (i32.const 32)))
            (br $pairs))))
        (if (i32.lt_u (local.get $j) (local.get $vecEnd)) (then
            (local.set $c0 (v128.load (i32.add (local.get $cRow) (local.get $j))))
            (local.set $c1 (v128.load (i32.add (i32.add (local.get $cRow) (local.get $c1Off)) (local.get $j))))
            (local.set $c2 (v128.load (i32.add (i32.add (local.get $cRow) (local.get $c2Off)) (local.get $j))))
            (local.set $c3 (v128.load (i32.add (i32.add (local.get $cRow) (local.get $c3Off)) (local.get $j))))
            (local.set $ap (local.get $aFirst)) (local.set $bp (i32.add (local.get $b) (local.get $j))) (local.set $p (i32.const 0))
            (loop $termsVec
              (if (i32.lt_u (local.get $p) (local.get $k)) (then
                (local.set $y0 (v128.load (local.get $bp)))
                (local.set $x ($V.splat ($T.load (local.get $ap))))
                (local.set $c0 ($V.add (local.get $c0) ($V.mul (local.get $x) (local.get $y0))))
                (local.set $x ($V.splat ($T.load (i32.add (local.get $ap) (local.get $a1Off)))))
                (local.set $c1 ($V.add (local.get $c1) ($V.mul (local.get $x) (local.get $y0))))
                (local.set $x ($V.splat ($T.load (i32.add (local.get $ap) (local.get $a2Off)))))
                (local.set $c2 ($V.add (local.get $c2) ($V.mul (local.get $x) (local.get $y0))))
                (local.set $x ($V.splat ($T.load (i32.add (local.get $ap) (local.get $a3Off)))))
                (local.set $c3 ($V.add (local.get $c3) ($V.mul (local.get $x) (local.get $y0))))
                (local.set $ap (i32.add (local.get $ap) (local.get $aStep)))
                (local.set $bp (i32.add (local.get $bp) (local.get $rowBytes)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $termsVec))))
            (v128.store (i32.add (local.get $cRow) (local.get $j)) (local.get $c0))
            (v128.store (i32.add (i32.add (local.get $cRow) (local.get $c1Off)) (local.get $j)) (local.get $c1))
            (v128.store (i32.add (i32.add (local.get $cRow) (local.get $c2Off)) (local.get $j)) (local.get $c2))
            (v128.store (i32.add (i32.add (local.get $cRow) (local.get $c3Off)) (local.get $j)) (local.get $c3))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))))
        (loop $quadValues
          (if (i32.lt_u (local.get $j) (local.get $colBytes)) (then
            (local.set $s0 ($T.load (i32.add (local.get $cRow) (local.get $j))))
            (local.set $s1 ($T.load (i32.add (i32.add (local.get $cRow) (local.get $c1Off)) (local.get $j))))
            (local.set $s2 ($T.load (i32.add (i32.add (local.get $cRow) (local.get $c2Off)) (local.get $j))))
            (local.set $s3 ($T.load (i32.add (i32.add (local.get $cRow) (local.get $c3Off)) (local.get $j))))
            (local.set $ap (local.get $aFirst)) (local.set $bp (i32.add (local.get $b) (local.get $j))) (local.set $p (i32.const 0))
            (loop $termsValue
              (if (i32.lt_u (local.get $p) (local.get $k)) (then
                (local.set $t ($T.load (local.get $bp)))
                (local.set $s0 ($T.add (local.get $s0) ($T.mul ($T.load (local.get $ap)) (local.get $t))))
                (local.set $s1 ($T.add (local.get $s1) ($T.mul ($T.load (i32.add (local.get $ap) (local.get $a1Off))) (local.get $t))))
                (local.set $s2 ($T.add (local.get $s2) ($T.mul ($T.load (i32.add (local.get $ap) (local.get $a2Off))) (local.get $t))))
                (local.set $s3 ($T.add (local.get $s3) ($T.mul ($T.load (i32.add (local.get $ap) (local.get $a3Off))) (local.get $t))))
                (local.set $ap (i32.add (local.get $ap) (local.get $aStep)))
                (local.set $bp (i32.add (local.get $bp) (local.get $rowBytes)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $termsValue))))
            ($T.store (i32.add (local.get $cRow) (local.get $j)) (local.get $s0))
            ($T.store (i32.add (i32.add (local.get $cRow) (local.get $c1Off)) (local.get $j)) (local.get $s1))
            ($T.store (i32.add (i32.add (local.get $cRow) (local.get $c2Off)) (local.get $j)) (local.get $s2))
            ($T.store (i32.add (i32.add (local.get $cRow) (local.get $c3Off)) (local.get $j)) (local.get $s3))
            (local.set $j (i32.add (local.get $j) (i32.const $B)))
            (br $quadValues))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $quads))))
    ;; The rows left (fewer than four), one at a time: blocks of four vectors, then single
    ;; vectors, then single values.
    (loop $rows
      (if (i32.lt_u (local.get $i) (local.get $m)) (then
      (local.set $cRow (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $rowBytes))))
      (local.set $aFirst (i32.add (local.get $a) (i32.shl (i32.mul (local.get $i) (local.get $aRow)) (i32.const $SHIFT))))
      (local.set $j (i32.const 0))
      (loop $blocks
        (if (i32.lt_u (local.get $j) (local.get $blockEnd)) (then
          (local.set $c0 (v128.load (i32.add (local.get $cRow) (local.get $j))))
          (local.set $c1 (v128.load offset=16 (i32.add (local.get $cRow) (local.get $j))))
          (local.set $c2 (v128.load offset=32 (i32.add (local.get $cRow) (local.get $j))))
          (local.set $c3 (v128.load offset=48 (i32.add (local.get $cRow) (local.get $j))))
          (local.set $ap (local.get $aFirst))
          (local.set $bRow (i32.add (local.get $b) (local.get $j)))
          (local.set $p (i32.const 0))
          (loop $terms
            (if (i32.lt_u (local.get $p) (local.get $k)) (then
              (local.set $x ($V.splat ($T.load (local.get $ap))))
              (local.set $c0 ($V.add (local.get $c0) ($V.mul (local.get $x) (v128.load (local.get $bRow)))))
              (local.set $c1 ($V.add (local.get $c1) ($V.mul (local.get $x) (v128.load offset=16 (local.get $bRow)))))
              (local.set $c2 ($V.add (local.get $c2) ($V.mul (local.get $x) (v128.load offset=32 (local.get $bRow)))))
              (local.set $c3 ($V.add (local.get $c3) ($V.mul (local.get $x) (v128.load offset=48 (local.get $bRow)))))
              (local.set $ap (i32.add (local.get $ap) (local.get $aStep)))
              (local.set $bRow (i32.add (local.get $bRow) (local.get $rowBytes)))
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (br $terms))))
          (v128.store (i32.add (local.get $cRow) (local.get $j)) (local.get $c0))
          (v128.store offset=16 (i32.add (local.get $cRow) (local.get $j)) (local.get $c1))
          (v128.store offset=32 (i32.add (local.get $cRow) (local.get $j)) (local.get $c2))
          (v128.store offset=48 (i32.add (local.get $cRow) (local.get $j)) (local.get $c3))
          (local.set $j (i32.add (local.get $j) (i32.const 64)))
          (br $blocks))))
      (loop $vectors
        (if (i32.lt_u (local.get $j) (local.get $vecEnd)) (then
          (local.set $c0 (v128.load (i32.add (local.get $cRow) (local.get $j))))
          (local.set $ap (local.get $aFirst))
          (local.set $bRow (i32.add (local.get $b) (local.get $j)))
          (local.set $p (i32.const 0))
          (loop $terms
            (if (i32.lt_u (local.get $p) (local.get $k)) (then
              (local.set $c0 ($V.add (local.get $c0)
                ($V.mul ($V.splat ($T.load (local.get $ap))) (v128.load (local.get $bRow)))))
              (local.set $ap (i32.add (local.get $ap) (local.get $aStep)))
              (local.set $bRow (i32.add (local.get $bRow) (local.get $rowBytes)))
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (br $terms))))
          (v128.store (i32.add (local.get $cRow) (local.get $j)) (local.get $c0))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br $vectors))))
      (loop $values
        (if (i32.lt_u (local.get $j) (local.get $colBytes)) (then
          (local.set $s ($T.load (i32.add (local.get $cRow) (local.get $j))))
          (local.set $ap (local.get $aFirst))
          (local.set $bRow (i32.add (local.get $b) (local.get $j)))
          (local.set $p (i32.const 0))
          (loop $terms
            (if (i32.lt_u (local.get $p) (local.get $k)) (then
              (local.set $s ($T.add (local.get $s) ($T.mul ($T.load (local.get $ap)) ($T.load (local.get $bRow)))))
              (local.set $ap (i32.add (local.get $ap) (local.get $aStep)))
              (local.set $bRow (i32.add (local.get $bRow) (local.get $rowBytes)))
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (br $terms))))
          ($T.store (i32.add (local.get $cRow) (local.get $j)) (local.get $s))
          (local.set $j (i32.add (local.get $j) (i32.const $B)))
          (br $values))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows)))))
  ;; @end

  ;; @both
  ;; One element of the NT product from its partial sums acc0, acc1 (groups of 32 bytes of
  ;; terms, summed up to byte $p of the rows) and the terms left one by one:
  ;; f64: four partial sums s0…s3 (acc0 = s0 s1, acc1 = s2 s3), the leftover terms into s0,
  ;; then (s0 + s1) + (s2 + s3): exactly gemm.ts's dotKernel, so the same values.
  ;; f32: eight partial sums, acc0 + acc1 then its lanes summed pairwise, then the leftover
  ;; terms added to that one by one.
  (func $dotFinish$SUFFIX (param $cAt i32) (param $aRow i32) (param $bRow i32) (param $p i32) (param $rowBytes i32)
    (param $acc0 v128) (param $acc1 v128)
    (local $s $T)
    @f64 (local.set $s (f64x2.extract_lane 0 (local.get $acc0)))
    @f32 (local.set $acc0 (f32x4.add (local.get $acc0) (local.get $acc1)))
    @f32 (local.set $s ($HSUM $acc0))
    (loop $rest
      (if (i32.lt_u (local.get $p) (local.get $rowBytes)) (then
        (local.set $s ($T.add (local.get $s)
          ($T.mul ($T.load (i32.add (local.get $aRow) (local.get $p))) ($T.load (i32.add (local.get $bRow) (local.get $p))))))
        (local.set $p (i32.add (local.get $p) (i32.const $B)))
        (br $rest))))
    ($T.store (local.get $cAt) ($T.add ($T.load (local.get $cAt))
      @f64 (f64.add (f64.add (local.get $s) (f64x2.extract_lane 1 (local.get $acc0)))
      @f64          (f64.add (f64x2.extract_lane 0 (local.get $acc1)) (f64x2.extract_lane 1 (local.get $acc1))))
      @f32 (local.get $s)
    )))

  ;; C[i,j] += A[i,:]·B[j,:] for one element (rows at byte offsets aRow and bRow).
  (func $dot$SUFFIX (param $cAt i32) (param $aRow i32) (param $bRow i32) (param $rowBytes i32) (param $groupEnd i32)
    (local $p i32) (local $acc0 v128) (local $acc1 v128)
    (loop $groups
      (if (i32.lt_u (local.get $p) (local.get $groupEnd)) (then
        (local.set $acc0 ($V.add (local.get $acc0)
          ($V.mul (v128.load (i32.add (local.get $aRow) (local.get $p))) (v128.load (i32.add (local.get $bRow) (local.get $p))))))
        (local.set $acc1 ($V.add (local.get $acc1)
          ($V.mul (v128.load offset=16 (i32.add (local.get $aRow) (local.get $p))) (v128.load offset=16 (i32.add (local.get $bRow) (local.get $p))))))
        (local.set $p (i32.add (local.get $p) (i32.const 32)))
        (br $groups))))
    (call $dotFinish$SUFFIX (local.get $cAt) (local.get $aRow) (local.get $bRow) (local.get $p) (local.get $rowBytes)
      (local.get $acc0) (local.get $acc1)))

  ;; C[i,j] += A[i,:]·B[j,:] (the NT product A·Bᵀ, A m × k and B n × k: rows of length k,
  ;; contiguous). Blocks of two rows of A by two rows of B: each vector loaded serves two
  ;; dot products. Rows and columns left over (m or n odd) one element at a time.
  (func (export "gemmDot$SUFFIX") (param $c i32) (param $a i32) (param $b i32) (param $m i32) (param $n i32) (param $k i32) (param $cols i32)
    (local $i i32) (local $j i32) (local $p i32) (local $rowBytes i32) (local $groupEnd i32) (local $cRowBytes i32)
    (local $a0 i32) (local $a1 i32) (local $b0 i32) (local $b1 i32) (local $cAt i32) (local $m2 i32) (local $n2 i32)
    (local $x0 v128) (local $x1 v128) (local $y0 v128) (local $y1 v128) (local $z0 v128) (local $z1 v128)
    (local $s00 v128) (local $t00 v128) (local $s01 v128) (local $t01 v128) (local $s10 v128) (local $t10 v128) (local $s11 v128) (local $t11 v128)
    (local.set $rowBytes (i32.shl (local.get $k) (i32.const $SHIFT)))
    (local.set $cRowBytes (i32.shl (local.get $n) (i32.const $SHIFT)))
    (local.set $groupEnd (i32.and (local.get $rowBytes) (i32.const -32)))
    (local.set $m2 (i32.and (local.get $m) (i32.const -2)))
    (local.set $n2 (i32.and (local.get $cols) (i32.const -2)))
    (loop $rowPairs
      (if (i32.lt_u (local.get $i) (local.get $m2)) (then
        (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $a1 (i32.add (local.get $a0) (local.get $rowBytes)))
        (local.set $cAt (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $cRowBytes))))
        (local.set $j (i32.const 0))
        (loop $colPairs
          (if (i32.lt_u (local.get $j) (local.get $n2)) (then
            (local.set $b0 (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $rowBytes))))
            (local.set $b1 (i32.add (local.get $b0) (local.get $rowBytes)))
            ;; s = the first 16 bytes of each group, t = the second: (i+r, j+q) in srq, trq
            (local.set $s00 (v128.const i64x2 0 0)) (local.set $t00 (v128.const i64x2 0 0))
            (local.set $s01 (v128.const i64x2 0 0)) (local.set $t01 (v128.const i64x2 0 0))
            (local.set $s10 (v128.const i64x2 0 0)) (local.set $t10 (v128.const i64x2 0 0))
            (local.set $s11 (v128.const i64x2 0 0)) (local.set $t11 (v128.const i64x2 0 0))
            (local.set $p (i32.const 0))
            (loop $groups
              (if (i32.lt_u (local.get $p) (local.get $groupEnd)) (then
                (local.set $y0 (v128.load (i32.add (local.get $b0) (local.get $p))))
                (local.set $y1 (v128.load offset=16 (i32.add (local.get $b0) (local.get $p))))
                (local.set $z0 (v128.load (i32.add (local.get $b1) (local.get $p))))
                (local.set $z1 (v128.load offset=16 (i32.add (local.get $b1) (local.get $p))))
                (local.set $x0 (v128.load (i32.add (local.get $a0) (local.get $p))))
                (local.set $x1 (v128.load offset=16 (i32.add (local.get $a0) (local.get $p))))
                (local.set $s00 ($V.add (local.get $s00) ($V.mul (local.get $x0) (local.get $y0))))
                (local.set $t00 ($V.add (local.get $t00) ($V.mul (local.get $x1) (local.get $y1))))
                (local.set $s01 ($V.add (local.get $s01) ($V.mul (local.get $x0) (local.get $z0))))
                (local.set $t01 ($V.add (local.get $t01) ($V.mul (local.get $x1) (local.get $z1))))
                (local.set $x0 (v128.load (i32.add (local.get $a1) (local.get $p))))
                (local.set $x1 (v128.load offset=16 (i32.add (local.get $a1) (local.get $p))))
                (local.set $s10 ($V.add (local.get $s10) ($V.mul (local.get $x0) (local.get $y0))))
                (local.set $t10 ($V.add (local.get $t10) ($V.mul (local.get $x1) (local.get $y1))))
                (local.set $s11 ($V.add (local.get $s11) ($V.mul (local.get $x0) (local.get $z0))))
                (local.set $t11 ($V.add (local.get $t11) ($V.mul (local.get $x1) (local.get $z1))))
                (local.set $p (i32.add (local.get $p) (i32.const 32)))
                (br $groups))))
            (call $dotFinish$SUFFIX (local.get $cAt) (local.get $a0) (local.get $b0) (local.get $p) (local.get $rowBytes) (local.get $s00) (local.get $t00))
            (call $dotFinish$SUFFIX (i32.add (local.get $cAt) (i32.const $B)) (local.get $a0) (local.get $b1) (local.get $p) (local.get $rowBytes) (local.get $s01) (local.get $t01))
            (call $dotFinish$SUFFIX (i32.add (local.get $cAt) (local.get $cRowBytes)) (local.get $a1) (local.get $b0) (local.get $p) (local.get $rowBytes) (local.get $s10) (local.get $t10))
            (call $dotFinish$SUFFIX (i32.add (i32.add (local.get $cAt) (local.get $cRowBytes)) (i32.const $B)) (local.get $a1) (local.get $b1) (local.get $p) (local.get $rowBytes) (local.get $s11) (local.get $t11))
            (local.set $cAt (i32.add (local.get $cAt) (i32.const $PAIR_BYTES)))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (br $colPairs))))
        (if (i32.lt_u (local.get $n2) (local.get $cols)) (then
          (local.set $b0 (i32.add (local.get $b) (i32.mul (local.get $n2) (local.get $rowBytes))))
          (call $dot$SUFFIX (local.get $cAt) (local.get $a0) (local.get $b0) (local.get $rowBytes) (local.get $groupEnd))
          (call $dot$SUFFIX (i32.add (local.get $cAt) (local.get $cRowBytes)) (local.get $a1) (local.get $b0) (local.get $rowBytes) (local.get $groupEnd))))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $rowPairs))))
    ;; The last row of A when m is odd.
    (if (i32.lt_u (local.get $m2) (local.get $m)) (then
      (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $m2) (local.get $rowBytes))))
      (local.set $cAt (i32.add (local.get $c) (i32.mul (local.get $m2) (local.get $cRowBytes))))
      (local.set $j (i32.const 0))
      (loop $lastRow
        (if (i32.lt_u (local.get $j) (local.get $cols)) (then
          (call $dot$SUFFIX (local.get $cAt) (local.get $a0) (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $rowBytes)))
            (local.get $rowBytes) (local.get $groupEnd))
          (local.set $cAt (i32.add (local.get $cAt) (i32.const $B)))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $lastRow))))))
  )
  ;; @end

  ;; C[i,j] += A[i,:]·B[j,:] again (NT), for small k (a batch of 10 or 32 samples, where the
  ;; dot products above are too short to pay for their horizontal sums): with bT = Bᵀ
  ;; (k × n, row-major) the kernel runs along rows of C, a vector of columns at a time, and
  ;; keeps the partial sums per column in separate registers, so every element gets exactly
  ;; gemmDot's sums in gemmDot's order (the JS dotKernel's in float64): the two kernels give
  ;; the same values and the caller picks by speed. Columns beyond the last vector: gemmDot's
  ;; own code on B's rows, b.
  ;; float64: four partial sums s0…s3 (term p into s(p mod 4), the last k mod 4 into s0), two
  ;; vectors (four columns) at a time, then one; (s0 + s1) + (s2 + s3) added to C.
  (func (export "gemmDotColumnsF64") (param $c i32) (param $a i32) (param $b i32) (param $bT i32) (param $m i32) (param $n i32) (param $k i32)
    (param $cols i32) (local $colBytes i32)
    (local $i i32) (local $j i32) (local $p i32) (local $ap i32) (local $bp i32) (local $aRow i32) (local $cRow i32)
    (local $rowBytes i32) (local $cRowBytes i32) (local $groupEnd i32) (local $pairEnd i32) (local $vecEnd i32) (local $kGroups i32)
    (local $b1Off i32) (local $b2Off i32) (local $b3Off i32) (local $groupBytes i32) (local $x v128)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128) (local $s20 v128) (local $s21 v128) (local $s30 v128) (local $s31 v128)
    (local.set $rowBytes (i32.shl (local.get $k) (i32.const 3)))
    (local.set $cRowBytes (i32.shl (local.get $n) (i32.const 3)))
    (local.set $colBytes (i32.shl (local.get $cols) (i32.const 3)))
    (local.set $groupEnd (i32.and (local.get $rowBytes) (i32.const -32)))
    (local.set $pairEnd (i32.and (local.get $colBytes) (i32.const -32)))
    (local.set $vecEnd (i32.and (local.get $colBytes) (i32.const -16)))
    (local.set $kGroups (i32.and (local.get $k) (i32.const -4)))
    (local.set $b1Off (local.get $cRowBytes))
    (local.set $b2Off (i32.shl (local.get $cRowBytes) (i32.const 1)))
    (local.set $b3Off (i32.add (local.get $b2Off) (local.get $cRowBytes)))
    (local.set $groupBytes (i32.shl (local.get $cRowBytes) (i32.const 2)))
    (loop $rows
      (if (i32.lt_u (local.get $i) (local.get $m)) (then
        (local.set $aRow (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $cRow (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $cRowBytes))))
        (local.set $j (i32.const 0))
        (loop $pairs
          (if (i32.lt_u (local.get $j) (local.get $pairEnd)) (then
            (local.set $s00 (v128.const i64x2 0 0))
            (local.set $s01 (v128.const i64x2 0 0))
            (local.set $s10 (v128.const i64x2 0 0))
            (local.set $s11 (v128.const i64x2 0 0))
            (local.set $s20 (v128.const i64x2 0 0))
            (local.set $s21 (v128.const i64x2 0 0))
            (local.set $s30 (v128.const i64x2 0 0))
            (local.set $s31 (v128.const i64x2 0 0))
            (local.set $ap (local.get $aRow)) (local.set $bp (i32.add (local.get $bT) (local.get $j))) (local.set $p (i32.const 0))
            (loop $groupsPair
              (if (i32.lt_u (local.get $p) (local.get $kGroups)) (then
                (local.set $x (f64x2.splat (f64.load (local.get $ap))))
                (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $x) (v128.load (local.get $bp)))))
                (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $x) (v128.load offset=16 (local.get $bp)))))
                (local.set $x (f64x2.splat (f64.load offset=8 (local.get $ap))))
                (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $x) (v128.load (i32.add (local.get $bp) (local.get $b1Off))))))
                (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $x) (v128.load offset=16 (i32.add (local.get $bp) (local.get $b1Off))))))
                (local.set $x (f64x2.splat (f64.load offset=16 (local.get $ap))))
                (local.set $s20 (f64x2.add (local.get $s20) (f64x2.mul (local.get $x) (v128.load (i32.add (local.get $bp) (local.get $b2Off))))))
                (local.set $s21 (f64x2.add (local.get $s21) (f64x2.mul (local.get $x) (v128.load offset=16 (i32.add (local.get $bp) (local.get $b2Off))))))
                (local.set $x (f64x2.splat (f64.load offset=24 (local.get $ap))))
                (local.set $s30 (f64x2.add (local.get $s30) (f64x2.mul (local.get $x) (v128.load (i32.add (local.get $bp) (local.get $b3Off))))))
                (local.set $s31 (f64x2.add (local.get $s31) (f64x2.mul (local.get $x) (v128.load offset=16 (i32.add (local.get $bp) (local.get $b3Off))))))
                (local.set $ap (i32.add (local.get $ap) (i32.const 32)))
                (local.set $bp (i32.add (local.get $bp) (local.get $groupBytes)))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))
                (br $groupsPair))))
            ;; the terms left (fewer than four) into s0, as the JS loop adds them
            (loop $restPair
              (if (i32.lt_u (local.get $p) (local.get $k)) (then
                (local.set $x (f64x2.splat (f64.load (local.get $ap))))
                (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $x) (v128.load (local.get $bp)))))
                (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $x) (v128.load offset=16 (local.get $bp)))))
                (local.set $ap (i32.add (local.get $ap) (i32.const 8)))
                (local.set $bp (i32.add (local.get $bp) (local.get $cRowBytes)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $restPair))))
            (v128.store (i32.add (local.get $cRow) (local.get $j)) (f64x2.add (v128.load (i32.add (local.get $cRow) (local.get $j)))
              (f64x2.add (f64x2.add (local.get $s00) (local.get $s10)) (f64x2.add (local.get $s20) (local.get $s30)))))
            (v128.store offset=16 (i32.add (local.get $cRow) (local.get $j)) (f64x2.add (v128.load offset=16 (i32.add (local.get $cRow) (local.get $j)))
              (f64x2.add (f64x2.add (local.get $s01) (local.get $s11)) (f64x2.add (local.get $s21) (local.get $s31)))))
            (local.set $j (i32.add (local.get $j) (i32.const 32)))
            (br $pairs))))
        (if (i32.lt_u (local.get $j) (local.get $vecEnd)) (then
          (local.set $s00 (v128.const i64x2 0 0))
          (local.set $s10 (v128.const i64x2 0 0))
          (local.set $s20 (v128.const i64x2 0 0))
          (local.set $s30 (v128.const i64x2 0 0))
          (local.set $ap (local.get $aRow)) (local.set $bp (i32.add (local.get $bT) (local.get $j))) (local.set $p (i32.const 0))
          (loop $groupsVec
            (if (i32.lt_u (local.get $p) (local.get $kGroups)) (then
              (local.set $x (f64x2.splat (f64.load (local.get $ap))))
              (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $x) (v128.load (local.get $bp)))))
              (local.set $x (f64x2.splat (f64.load offset=8 (local.get $ap))))
              (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $x) (v128.load (i32.add (local.get $bp) (local.get $b1Off))))))
              (local.set $x (f64x2.splat (f64.load offset=16 (local.get $ap))))
              (local.set $s20 (f64x2.add (local.get $s20) (f64x2.mul (local.get $x) (v128.load (i32.add (local.get $bp) (local.get $b2Off))))))
              (local.set $x (f64x2.splat (f64.load offset=24 (local.get $ap))))
              (local.set $s30 (f64x2.add (local.get $s30) (f64x2.mul (local.get $x) (v128.load (i32.add (local.get $bp) (local.get $b3Off))))))
              (local.set $ap (i32.add (local.get $ap) (i32.const 32)))
              (local.set $bp (i32.add (local.get $bp) (local.get $groupBytes)))
              (local.set $p (i32.add (local.get $p) (i32.const 4)))
              (br $groupsVec))))
          ;; the terms left (fewer than four) into s0, as the JS loop adds them
          (loop $restVec
            (if (i32.lt_u (local.get $p) (local.get $k)) (then
              (local.set $x (f64x2.splat (f64.load (local.get $ap))))
              (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $x) (v128.load (local.get $bp)))))
              (local.set $ap (i32.add (local.get $ap) (i32.const 8)))
              (local.set $bp (i32.add (local.get $bp) (local.get $cRowBytes)))
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (br $restVec))))
          (v128.store (i32.add (local.get $cRow) (local.get $j)) (f64x2.add (v128.load (i32.add (local.get $cRow) (local.get $j)))
            (f64x2.add (f64x2.add (local.get $s00) (local.get $s10)) (f64x2.add (local.get $s20) (local.get $s30)))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))))
        (if (i32.lt_u (local.get $j) (local.get $colBytes)) (then
          (call $dotF64 (i32.add (local.get $cRow) (local.get $j)) (local.get $aRow)
            (i32.add (local.get $b) (i32.mul (i32.shr_u (local.get $j) (i32.const 3)) (local.get $rowBytes)))
            (local.get $rowBytes) (local.get $groupEnd))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))))

  ;; float32: eight partial sums s0…s7 (term p into s(p mod 8)), one vector (four columns) at
  ;; a time, ((s0 + s4) + (s1 + s5)) + ((s2 + s6) + (s3 + s7)), then the last k mod 8 terms
  ;; one by one, then added to C: gemmDotF32's order. The last n mod 4 columns: gemmDotF32's code.
  (func (export "gemmDotColumnsF32") (param $c i32) (param $a i32) (param $b i32) (param $bT i32) (param $m i32) (param $n i32) (param $k i32)
    (param $cols i32) (local $colBytes i32)
    (local $i i32) (local $j i32) (local $p i32) (local $ap i32) (local $bp i32) (local $aRow i32) (local $cRow i32)
    (local $rowBytes i32) (local $cRowBytes i32) (local $groupEnd i32) (local $vecEnd i32) (local $kGroups i32)
    (local $b1Off i32) (local $b2Off i32) (local $b3Off i32) (local $b4Off i32) (local $b5Off i32) (local $b6Off i32) (local $b7Off i32)
    (local $groupBytes i32) (local $x v128)
    (local $s00 v128) (local $s10 v128) (local $s20 v128) (local $s30 v128) (local $s40 v128) (local $s50 v128) (local $s60 v128) (local $s70 v128)
    (local.set $rowBytes (i32.shl (local.get $k) (i32.const 2)))
    (local.set $cRowBytes (i32.shl (local.get $n) (i32.const 2)))
    (local.set $colBytes (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $groupEnd (i32.and (local.get $rowBytes) (i32.const -32)))
    (local.set $vecEnd (i32.and (local.get $colBytes) (i32.const -16)))
    (local.set $kGroups (i32.and (local.get $k) (i32.const -8)))
    (local.set $b1Off (local.get $cRowBytes))
    (local.set $b2Off (i32.shl (local.get $cRowBytes) (i32.const 1)))
    (local.set $b3Off (i32.add (local.get $b2Off) (local.get $cRowBytes)))
    (local.set $b4Off (i32.shl (local.get $cRowBytes) (i32.const 2)))
    (local.set $b5Off (i32.add (local.get $b4Off) (local.get $cRowBytes)))
    (local.set $b6Off (i32.add (local.get $b4Off) (local.get $b2Off)))
    (local.set $b7Off (i32.add (local.get $b6Off) (local.get $cRowBytes)))
    (local.set $groupBytes (i32.shl (local.get $cRowBytes) (i32.const 3)))
    (loop $rows
      (if (i32.lt_u (local.get $i) (local.get $m)) (then
        (local.set $aRow (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $cRow (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $cRowBytes))))
        (local.set $j (i32.const 0))
        (loop $vectors
          (if (i32.lt_u (local.get $j) (local.get $vecEnd)) (then
            (local.set $s00 (v128.const i64x2 0 0))
            (local.set $s10 (v128.const i64x2 0 0))
            (local.set $s20 (v128.const i64x2 0 0))
            (local.set $s30 (v128.const i64x2 0 0))
            (local.set $s40 (v128.const i64x2 0 0))
            (local.set $s50 (v128.const i64x2 0 0))
            (local.set $s60 (v128.const i64x2 0 0))
            (local.set $s70 (v128.const i64x2 0 0))
            (local.set $ap (local.get $aRow)) (local.set $bp (i32.add (local.get $bT) (local.get $j))) (local.set $p (i32.const 0))
            (loop $groupsVec
              (if (i32.lt_u (local.get $p) (local.get $kGroups)) (then
                (local.set $x (f32x4.splat (f32.load (local.get $ap))))
                (local.set $s00 (f32x4.add (local.get $s00) (f32x4.mul (local.get $x) (v128.load (local.get $bp)))))
                (local.set $x (f32x4.splat (f32.load offset=4 (local.get $ap))))
                (local.set $s10 (f32x4.add (local.get $s10) (f32x4.mul (local.get $x) (v128.load (i32.add (local.get $bp) (local.get $b1Off))))))
                (local.set $x (f32x4.splat (f32.load offset=8 (local.get $ap))))
                (local.set $s20 (f32x4.add (local.get $s20) (f32x4.mul (local.get $x) (v128.load (i32.add (local.get $bp) (local.get $b2Off))))))
                (local.set $x (f32x4.splat (f32.load offset=12 (local.get $ap))))
                (local.set $s30 (f32x4.add (local.get $s30) (f32x4.mul (local.get $x) (v128.load (i32.add (local.get $bp) (local.get $b3Off))))))
                (local.set $x (f32x4.splat (f32.load offset=16 (local.get $ap))))
                (local.set $s40 (f32x4.add (local.get $s40) (f32x4.mul (local.get $x) (v128.load (i32.add (local.get $bp) (local.get $b4Off))))))
                (local.set $x (f32x4.splat (f32.load offset=20 (local.get $ap))))
                (local.set $s50 (f32x4.add (local.get $s50) (f32x4.mul (local.get $x) (v128.load (i32.add (local.get $bp) (local.get $b5Off))))))
                (local.set $x (f32x4.splat (f32.load offset=24 (local.get $ap))))
                (local.set $s60 (f32x4.add (local.get $s60) (f32x4.mul (local.get $x) (v128.load (i32.add (local.get $bp) (local.get $b6Off))))))
                (local.set $x (f32x4.splat (f32.load offset=28 (local.get $ap))))
                (local.set $s70 (f32x4.add (local.get $s70) (f32x4.mul (local.get $x) (v128.load (i32.add (local.get $bp) (local.get $b7Off))))))
                (local.set $ap (i32.add (local.get $ap) (i32.const 32)))
                (local.set $bp (i32.add (local.get $bp) (local.get $groupBytes)))
                (local.set $p (i32.add (local.get $p) (i32.const 8)))
                (br $groupsVec))))
            ;; ((s0 + s4) + (s1 + s5)) + ((s2 + s6) + (s3 + s7)), then the terms left one by one
            (local.set $x (f32x4.add (f32x4.add (f32x4.add (local.get $s00) (local.get $s40)) (f32x4.add (local.get $s10) (local.get $s50)))
              (f32x4.add (f32x4.add (local.get $s20) (local.get $s60)) (f32x4.add (local.get $s30) (local.get $s70)))))
            (loop $restVec
              (if (i32.lt_u (local.get $p) (local.get $k)) (then
                (local.set $x (f32x4.add (local.get $x) (f32x4.mul (f32x4.splat (f32.load (local.get $ap))) (v128.load (local.get $bp)))))
                (local.set $ap (i32.add (local.get $ap) (i32.const 4)))
                (local.set $bp (i32.add (local.get $bp) (local.get $cRowBytes)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $restVec))))
            (v128.store (i32.add (local.get $cRow) (local.get $j)) (f32x4.add (v128.load (i32.add (local.get $cRow) (local.get $j))) (local.get $x)))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $vectors))))
        (loop $values
          (if (i32.lt_u (local.get $j) (local.get $colBytes)) (then
            (call $dotF32 (i32.add (local.get $cRow) (local.get $j)) (local.get $aRow)
              (i32.add (local.get $b) (i32.mul (i32.shr_u (local.get $j) (i32.const 2)) (local.get $rowBytes)))
              (local.get $rowBytes) (local.get $groupEnd))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $values))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))))

  ;; @both
  ;; bT (k × n) = Bᵀ for B (n × k), both row-major: gemmDotColumns's operand. Reads B's rows
  ;; in order (two at a time, so each store writes two neighbours of a row of bT).
  (func (export "transpose$SUFFIX") (param $b i32) (param $bT i32) (param $n i32) (param $k i32)
    (local $j i32) (local $p i32) (local $from i32) (local $to i32) (local $rowBytes i32) (local $tRowBytes i32) (local $n2 i32)
    (local.set $rowBytes (i32.shl (local.get $k) (i32.const $SHIFT)))
    (local.set $tRowBytes (i32.shl (local.get $n) (i32.const $SHIFT)))
    (local.set $n2 (i32.and (local.get $n) (i32.const -2)))
    (loop $rowPairs
      (if (i32.lt_u (local.get $j) (local.get $n2)) (then
        (local.set $from (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $rowBytes))))
        (local.set $to (i32.add (local.get $bT) (i32.shl (local.get $j) (i32.const $SHIFT))))
        (local.set $p (i32.const 0))
        (loop $terms
          (if (i32.lt_u (local.get $p) (local.get $k)) (then
            ($T.store (local.get $to) ($T.load (local.get $from)))
            ($T.store offset=$B (local.get $to) ($T.load (i32.add (local.get $from) (local.get $rowBytes))))
            (local.set $from (i32.add (local.get $from) (i32.const $B)))
            (local.set $to (i32.add (local.get $to) (local.get $tRowBytes)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $terms))))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $rowPairs))))
    (if (i32.lt_u (local.get $j) (local.get $n)) (then
      (local.set $from (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $rowBytes))))
      (local.set $to (i32.add (local.get $bT) (i32.shl (local.get $j) (i32.const $SHIFT))))
      (local.set $p (i32.const 0))
      (loop $last
        (if (i32.lt_u (local.get $p) (local.get $k)) (then
          ($T.store (local.get $to) ($T.load (local.get $from)))
          (local.set $from (i32.add (local.get $from) (i32.const $B)))
          (local.set $to (i32.add (local.get $to) (local.get $tRowBytes)))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br $last)))))))
  ;; @end
