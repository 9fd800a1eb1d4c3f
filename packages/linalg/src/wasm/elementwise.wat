  ;; relu and 2×2 max pooling for elementwise-wasm.ts (included by kernels.wat). The JS
  ;; loops of each are in relu-kernels.ts and max-pool-kernels.ts; the tests hold both equal
  ;; bit for bit to the plain loops. Every choice is a mask and a v128.bitselect (or and/or,
  ;; or a scalar select), never a branch on a value: the signs of z and the winners of a
  ;; window are random in training, and mispredicted branches were most of the cost.

  ;; @both
  ;; out[i] = max(z[i], 0) as JS's Math.max: z if z > 0, `nan` if z is NaN, else +0 (so −0
  ;; and negatives give +0). `nan` is the NaN Math.max returns here (the caller passes it),
  ;; so that NaN bits match the JS loop's too. out may be z.
  (func (export "relu$SUFFIX") (param $z i32) (param $out i32) (param $n i32) (param $nan $T)
    (local $i i32) (local $end i32) (local $vecEnd i32) (local $v v128) (local $nans v128) (local $s $T)
    (local.set $end (i32.shl (local.get $n) (i32.const $SHIFT)))
    (local.set $vecEnd (i32.and (local.get $end) (i32.const -16)))
    (local.set $nans ($V.splat (local.get $nan)))
    (loop $lanes
      (if (i32.lt_u (local.get $i) (local.get $vecEnd)) (then
        (local.set $v (v128.load (i32.add (local.get $z) (local.get $i))))
        (v128.store (i32.add (local.get $out) (local.get $i))
          (v128.or
            (v128.and (local.get $v) ($V.gt (local.get $v) (v128.const i64x2 0 0)))
            (v128.and (local.get $nans) ($V.ne (local.get $v) (local.get $v)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $lanes))))
    (loop $tail
      (if (i32.lt_u (local.get $i) (local.get $end)) (then
        (local.set $s ($T.load (i32.add (local.get $z) (local.get $i))))
        ($T.store (i32.add (local.get $out) (local.get $i))
          (select (local.get $s)
            (select (local.get $nan) ($T.const 0) ($T.ne (local.get $s) (local.get $s)))
            ($T.gt (local.get $s) ($T.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const $B)))
        (br $tail)))))
  ;; @end

  ;; @both
  ;; out[i] = g[i]·(z[i] > 0 ? 1 : 0): the same multiplication as the JS loop, so −0 for a
  ;; negative g where z ≤ 0, and NaN (the CPU's) for an infinite or NaN g there. out may be
  ;; z or g.
  (func (export "reluBackward$SUFFIX") (param $z i32) (param $g i32) (param $out i32) (param $n i32)
    (local $i i32) (local $end i32) (local $vecEnd i32) (local $ones v128)
    (local.set $end (i32.shl (local.get $n) (i32.const $SHIFT)))
    (local.set $vecEnd (i32.and (local.get $end) (i32.const -16)))
    (local.set $ones ($V.splat ($T.const 1)))
    (loop $lanes
      (if (i32.lt_u (local.get $i) (local.get $vecEnd)) (then
        (v128.store (i32.add (local.get $out) (local.get $i))
          ($V.mul (v128.load (i32.add (local.get $g) (local.get $i)))
            (v128.and (local.get $ones)
              ($V.gt (v128.load (i32.add (local.get $z) (local.get $i))) (v128.const i64x2 0 0)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $lanes))))
    (loop $tail
      (if (i32.lt_u (local.get $i) (local.get $end)) (then
        ($T.store (i32.add (local.get $out) (local.get $i))
          ($T.mul ($T.load (i32.add (local.get $g) (local.get $i)))
            (select ($T.const 1) ($T.const 0)
              ($T.gt ($T.load (i32.add (local.get $z) (local.get $i))) ($T.const 0)))))
        (local.set $i (i32.add (local.get $i) (i32.const $B)))
        (br $tail)))))
  ;; @end

  ;; ---- 2×2 max pooling, stride 2 ----
  ;; x (C·H·W) × m, y (C·H′·W′) × m with H′ = floor(H/2), W′ = floor(W/2), one sample per
  ;; column, so a pixel's m samples sit side by side and the lanes run over samples. A
  ;; window's corners are numbered 0 1 / 2 3 (row-major); corner (one byte per value of y)
  ;; records the winner. "v wins over max" is v > max, or v NaN and max not (the JS `wins`).
  ;; A tournament (top pair, bottom pair, then the two winners, the top one kept on ties)
  ;; picks the corner the JS loop's left-to-right scan picks: the first largest, or the
  ;; first NaN.
  ;; When m ≥ $LANES the last vector of a pixel's samples starts at m − $LANES, overlapping
  ;; the one before: it recomputes (and rewrites) a few values the same, and needs no tail.

  ;; @both
  ;; y = the max of each 2×2 window, corner = where it was (0…3).
  (func (export "maxPool2x2$SUFFIX") (param $x i32) (param $y i32) (param $corner i32)
    (param $channels i32) (param $height i32) (param $width i32) (param $m i32)
    (local $plane i32) (local $planes i32) (local $oy i32) (local $ox i32) (local $outW i32)
    (local $sample i32) (local $row i32) (local $window i32) (local $out i32) (local $at i32) (local $last i32)
    (local $j i32) (local $a v128) (local $b v128) (local $c v128) (local $d v128)
    (local $wt v128) (local $wb v128) (local $wf v128) (local $top v128) (local $bottom v128)
    (local $sa $T) (local $sb $T) (local $sc $T) (local $sd $T) (local $st $T) (local $sm $T)
    (local $it i32) (local $ib i32) (local $if i32)
    (local.set $planes (i32.mul (local.get $channels) (i32.shr_u (local.get $height) (i32.const 1))))
    (local.set $outW (i32.shr_u (local.get $width) (i32.const 1)))
    (local.set $sample (i32.shl (local.get $m) (i32.const $SHIFT)))            ;; bytes of one pixel
    (local.set $row (i32.mul (local.get $width) (local.get $sample)))           ;; bytes of one image row
    (local.set $last (i32.shl (i32.sub (local.get $m) (i32.const $LANES)) (i32.const $SHIFT)))
    ;; out counts output values (index into corner); y's byte offset is out << $SHIFT.
    ;; Output row `plane` (c·H′ + oy) reads input rows 2·plane and 2·plane + 1 when H is even;
    ;; with H odd each channel's last input row is skipped.
    (loop $rows
      (if (i32.lt_u (local.get $plane) (local.get $planes)) (then
        (local.set $oy (i32.rem_u (local.get $plane) (i32.shr_u (local.get $height) (i32.const 1))))
        (local.set $window (i32.add (local.get $x) (i32.mul (local.get $row)
          (i32.add (i32.mul (i32.div_u (local.get $plane) (i32.shr_u (local.get $height) (i32.const 1))) (local.get $height))
                   (i32.shl (local.get $oy) (i32.const 1))))))
        (local.set $ox (i32.const 0))
        (loop $windows
          (if (i32.lt_u (local.get $ox) (local.get $outW)) (then
            (if (i32.ge_s (local.get $last) (i32.const 0))
              (then
                (local.set $at (i32.const 0))
                (loop $vectors
                  (if (i32.gt_s (local.get $at) (local.get $last)) (then (local.set $at (local.get $last))))
                  (local.set $a (v128.load (i32.add (local.get $window) (local.get $at))))
                  (local.set $b (v128.load (i32.add (i32.add (local.get $window) (local.get $sample)) (local.get $at))))
                  (local.set $c (v128.load (i32.add (i32.add (local.get $window) (local.get $row)) (local.get $at))))
                  (local.set $d (v128.load (i32.add (i32.add (i32.add (local.get $window) (local.get $row)) (local.get $sample)) (local.get $at))))
                  (local.set $wt (v128.or ($V.gt (local.get $b) (local.get $a))
                    (v128.and ($V.ne (local.get $b) (local.get $b)) ($V.eq (local.get $a) (local.get $a)))))
                  (local.set $top (v128.bitselect (local.get $b) (local.get $a) (local.get $wt)))
                  (local.set $wb (v128.or ($V.gt (local.get $d) (local.get $c))
                    (v128.and ($V.ne (local.get $d) (local.get $d)) ($V.eq (local.get $c) (local.get $c)))))
                  (local.set $bottom (v128.bitselect (local.get $d) (local.get $c) (local.get $wb)))
                  (local.set $wf (v128.or ($V.gt (local.get $bottom) (local.get $top))
                    (v128.and ($V.ne (local.get $bottom) (local.get $bottom)) ($V.eq (local.get $top) (local.get $top)))))
                  (v128.store (i32.add (i32.add (local.get $y) (i32.shl (local.get $out) (i32.const $SHIFT))) (local.get $at))
                    (v128.bitselect (local.get $bottom) (local.get $top) (local.get $wf)))
                  ;; corner = 2·[bottom won] + [the pair's right one won], one per lane, then
                  ;; the low byte of each lane gathered and stored.
                  @f64 (v128.store16_lane 0 (i32.add (local.get $corner) (i32.add (local.get $out) (i32.shr_u (local.get $at) (i32.const $SHIFT))))
                  @f32 (v128.store32_lane 0 (i32.add (local.get $corner) (i32.add (local.get $out) (i32.shr_u (local.get $at) (i32.const $SHIFT))))
                    @f64 (i8x16.shuffle 0 8 0 0 0 0 0 0 0 0 0 0 0 0 0 0
                    @f32 (i8x16.shuffle 0 4 8 12 0 0 0 0 0 0 0 0 0 0 0 0
                      (v128.or
                        (v128.and (v128.bitselect (local.get $wb) (local.get $wt) (local.get $wf)) (v128.const i8x16 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1))
                        (v128.and (local.get $wf) (v128.const i8x16 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2)))
                      (v128.const i64x2 0 0)))
                  (if (i32.lt_s (local.get $at) (local.get $last)) (then
                    (local.set $at (i32.add (local.get $at) (i32.const 16)))
                    (br $vectors)))))
              (else
                ;; m < $LANES: one sample at a time, the same tournament on scalars.
                (local.set $j (i32.const 0))
                (loop $samples
                  (if (i32.lt_u (local.get $j) (local.get $m)) (then
                    (local.set $at (i32.shl (local.get $j) (i32.const $SHIFT)))
                    (local.set $sa ($T.load (i32.add (local.get $window) (local.get $at))))
                    (local.set $sb ($T.load (i32.add (i32.add (local.get $window) (local.get $sample)) (local.get $at))))
                    (local.set $sc ($T.load (i32.add (i32.add (local.get $window) (local.get $row)) (local.get $at))))
                    (local.set $sd ($T.load (i32.add (i32.add (i32.add (local.get $window) (local.get $row)) (local.get $sample)) (local.get $at))))
                    (local.set $it (i32.or ($T.gt (local.get $sb) (local.get $sa))
                      (i32.and ($T.ne (local.get $sb) (local.get $sb)) ($T.eq (local.get $sa) (local.get $sa)))))
                    (local.set $st (select (local.get $sb) (local.get $sa) (local.get $it)))
                    (local.set $ib (i32.or ($T.gt (local.get $sd) (local.get $sc))
                      (i32.and ($T.ne (local.get $sd) (local.get $sd)) ($T.eq (local.get $sc) (local.get $sc)))))
                    (local.set $sm (select (local.get $sd) (local.get $sc) (local.get $ib)))
                    (local.set $if (i32.or ($T.gt (local.get $sm) (local.get $st))
                      (i32.and ($T.ne (local.get $sm) (local.get $sm)) ($T.eq (local.get $st) (local.get $st)))))
                    ($T.store (i32.add (i32.add (local.get $y) (i32.shl (local.get $out) (i32.const $SHIFT))) (local.get $at))
                      (select (local.get $sm) (local.get $st) (local.get $if)))
                    (i32.store8 (i32.add (i32.add (local.get $corner) (local.get $out)) (local.get $j))
                      (select (i32.add (i32.const 2) (local.get $ib)) (local.get $it) (local.get $if)))
                    (local.set $j (i32.add (local.get $j) (i32.const 1)))
                    (br $samples))))))
            (local.set $window (i32.add (local.get $window) (i32.shl (local.get $sample) (i32.const 1))))
            (local.set $out (i32.add (local.get $out) (local.get $m)))
            (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
            (br $windows))))
        (local.set $plane (i32.add (local.get $plane) (i32.const 1)))
        (br $rows)))))
  ;; @end

  ;; @both
  ;; δin = δ routed to each window's corner, 0 elsewhere: δin[corner] = 0 + δ (as the JS
  ;; loop's `+=` on a zeroed array: −0 becomes +0). Inputs no window covers (the last row
  ;; or column of an odd H or W) are 0.
  (func (export "maxPool2x2Backward$SUFFIX") (param $delta i32) (param $corner i32) (param $deltaIn i32)
    (param $channels i32) (param $height i32) (param $width i32) (param $m i32)
    (local $plane i32) (local $planes i32) (local $oy i32) (local $ox i32) (local $outW i32)
    (local $sample i32) (local $row i32) (local $window i32) (local $out i32) (local $at i32) (local $last i32)
    (local $j i32) (local $dv v128) (local $p v128) (local $s $T) (local $k i32)
    (if (i32.and (i32.or (local.get $height) (local.get $width)) (i32.const 1)) (then
      (memory.fill (local.get $deltaIn) (i32.const 0)
        (i32.shl (i32.mul (i32.mul (local.get $channels) (local.get $height)) (i32.mul (local.get $width) (local.get $m))) (i32.const $SHIFT)))))
    (local.set $planes (i32.mul (local.get $channels) (i32.shr_u (local.get $height) (i32.const 1))))
    (local.set $outW (i32.shr_u (local.get $width) (i32.const 1)))
    (local.set $sample (i32.shl (local.get $m) (i32.const $SHIFT)))
    (local.set $row (i32.mul (local.get $width) (local.get $sample)))
    (local.set $last (i32.shl (i32.sub (local.get $m) (i32.const $LANES)) (i32.const $SHIFT)))
    (loop $rows
      (if (i32.lt_u (local.get $plane) (local.get $planes)) (then
        (local.set $oy (i32.rem_u (local.get $plane) (i32.shr_u (local.get $height) (i32.const 1))))
        (local.set $window (i32.add (local.get $deltaIn) (i32.mul (local.get $row)
          (i32.add (i32.mul (i32.div_u (local.get $plane) (i32.shr_u (local.get $height) (i32.const 1))) (local.get $height))
                   (i32.shl (local.get $oy) (i32.const 1))))))
        (local.set $ox (i32.const 0))
        (loop $windows
          (if (i32.lt_u (local.get $ox) (local.get $outW)) (then
            (if (i32.ge_s (local.get $last) (i32.const 0))
              (then
                (local.set $at (i32.const 0))
                (loop $vectors
                  (if (i32.gt_s (local.get $at) (local.get $last)) (then (local.set $at (local.get $last))))
                  (local.set $dv ($V.add
                    (v128.load (i32.add (i32.add (local.get $delta) (i32.shl (local.get $out) (i32.const $SHIFT))) (local.get $at)))
                    (v128.const i64x2 0 0)))
                  ;; the lanes' corners (bytes) widened to the lanes' width
                  (local.set $p
                    @f64 (i64x2.extend_low_i32x4_u (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u
                    @f64   (v128.load16_splat (i32.add (local.get $corner) (i32.add (local.get $out) (i32.shr_u (local.get $at) (i32.const $SHIFT)))))))))
                    @f32 (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u
                    @f32   (v128.load32_zero (i32.add (local.get $corner) (i32.add (local.get $out) (i32.shr_u (local.get $at) (i32.const $SHIFT))))))))
                  @f64 (v128.store (i32.add (local.get $window) (local.get $at))
                  @f64   (v128.and (local.get $dv) (i64x2.eq (local.get $p) (v128.const i64x2 0 0))))
                  @f64 (v128.store (i32.add (i32.add (local.get $window) (local.get $sample)) (local.get $at))
                  @f64   (v128.and (local.get $dv) (i64x2.eq (local.get $p) (v128.const i64x2 1 1))))
                  @f64 (v128.store (i32.add (i32.add (local.get $window) (local.get $row)) (local.get $at))
                  @f64   (v128.and (local.get $dv) (i64x2.eq (local.get $p) (v128.const i64x2 2 2))))
                  @f64 (v128.store (i32.add (i32.add (i32.add (local.get $window) (local.get $row)) (local.get $sample)) (local.get $at))
                  @f64   (v128.and (local.get $dv) (i64x2.eq (local.get $p) (v128.const i64x2 3 3))))
                  @f32 (v128.store (i32.add (local.get $window) (local.get $at))
                  @f32   (v128.and (local.get $dv) (i32x4.eq (local.get $p) (v128.const i32x4 0 0 0 0))))
                  @f32 (v128.store (i32.add (i32.add (local.get $window) (local.get $sample)) (local.get $at))
                  @f32   (v128.and (local.get $dv) (i32x4.eq (local.get $p) (v128.const i32x4 1 1 1 1))))
                  @f32 (v128.store (i32.add (i32.add (local.get $window) (local.get $row)) (local.get $at))
                  @f32   (v128.and (local.get $dv) (i32x4.eq (local.get $p) (v128.const i32x4 2 2 2 2))))
                  @f32 (v128.store (i32.add (i32.add (i32.add (local.get $window) (local.get $row)) (local.get $sample)) (local.get $at))
                  @f32   (v128.and (local.get $dv) (i32x4.eq (local.get $p) (v128.const i32x4 3 3 3 3))))
                  (if (i32.lt_s (local.get $at) (local.get $last)) (then
                    (local.set $at (i32.add (local.get $at) (i32.const 16)))
                    (br $vectors)))))
              (else
                (local.set $j (i32.const 0))
                (loop $samples
                  (if (i32.lt_u (local.get $j) (local.get $m)) (then
                    (local.set $at (i32.shl (local.get $j) (i32.const $SHIFT)))
                    (local.set $s ($T.add
                      ($T.load (i32.add (i32.add (local.get $delta) (i32.shl (local.get $out) (i32.const $SHIFT))) (local.get $at)))
                      ($T.const 0)))
                    (local.set $k (i32.load8_u (i32.add (i32.add (local.get $corner) (local.get $out)) (local.get $j))))
                    ($T.store (i32.add (local.get $window) (local.get $at))
                      (select (local.get $s) ($T.const 0) (i32.eq (local.get $k) (i32.const 0))))
                    ($T.store (i32.add (i32.add (local.get $window) (local.get $sample)) (local.get $at))
                      (select (local.get $s) ($T.const 0) (i32.eq (local.get $k) (i32.const 1))))
                    ($T.store (i32.add (i32.add (local.get $window) (local.get $row)) (local.get $at))
                      (select (local.get $s) ($T.const 0) (i32.eq (local.get $k) (i32.const 2))))
                    ($T.store (i32.add (i32.add (i32.add (local.get $window) (local.get $row)) (local.get $sample)) (local.get $at))
                      (select (local.get $s) ($T.const 0) (i32.eq (local.get $k) (i32.const 3))))
                    (local.set $j (i32.add (local.get $j) (i32.const 1)))
                    (br $samples))))))
            (local.set $window (i32.add (local.get $window) (i32.shl (local.get $sample) (i32.const 1))))
            (local.set $out (i32.add (local.get $out) (local.get $m)))
            (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
            (br $windows))))
        (local.set $plane (i32.add (local.get $plane) (i32.const 1)))
        (br $rows)))))
  ;; @end
