  ;; im2col, col2im and the bias of a convolution, for conv-wasm.ts. The JS reference of
  ;; each is in conv/im2col.ts (the same copies and additions in the same order: the tests
  ;; hold the results equal bit for bit). Layouts, one sample per column:
  ;;   x     (C·H·W) × m          cols  (C·k·k) × (OH·OW·m), row c·k·k + ky·k + kx,
  ;;                              column (oy·OW + ox)·m + j
  ;; cols[r, (oy·OW + ox)·m + j] = x[c, oy·s + ky − padTop, ox·s + kx − padLeft] of sample j
  ;; (0 outside the image). `geometry` points at 10 i32s: C H W OH OW k s padTop padLeft m.

  ;; The output columns [lo, hi) whose input column ox·s + kx − padLeft lies inside 0…W−1,
  ;; packed as lo | hi << 16 (both < 65536), as insideColumns in conv/im2col.ts.
  (func $insideColumns (param $kx i32) (param $inW i32) (param $outW i32) (param $s i32) (param $padLeft i32) (result i32)
    (local $shift i32) (local $lo i32) (local $hi i32)
    (local.set $shift (i32.sub (local.get $kx) (local.get $padLeft)))
    (if (i32.lt_s (local.get $shift) (i32.const 0))
      (then (local.set $lo (i32.div_u (i32.add (i32.sub (i32.const 0) (local.get $shift))
                                               (i32.sub (local.get $s) (i32.const 1)))
                                      (local.get $s)))))
    ;; hi = min(OW, floor((W - 1 - shift)/s) + 1), 0 when W - 1 - shift < 0; then at least lo
    (if (i32.ge_s (i32.sub (i32.sub (local.get $inW) (i32.const 1)) (local.get $shift)) (i32.const 0))
      (then
        (local.set $hi (i32.add (i32.div_u (i32.sub (i32.sub (local.get $inW) (i32.const 1)) (local.get $shift))
                                           (local.get $s))
                                (i32.const 1)))
        (if (i32.gt_s (local.get $hi) (local.get $outW)) (then (local.set $hi (local.get $outW))))))
    (if (i32.lt_s (local.get $hi) (local.get $lo)) (then (local.set $hi (local.get $lo))))
    (i32.or (local.get $lo) (i32.shl (local.get $hi) (i32.const 16))))

  ;; @both
  ;; cols ← im2col(x): block copies (one per (c, ky, kx, oy) with stride 1), zeros where the
  ;; kernel reads padding.
  (func (export "im2col$SUFFIX") (param $cols i32) (param $x i32) (param $geometry i32)
    (local $inC i32) (local $inH i32) (local $inW i32) (local $outH i32) (local $outW i32) (local $k i32)
    (local $s i32) (local $padTop i32) (local $padLeft i32) (local $m i32)
    (local $c i32) (local $ky i32) (local $kx i32) (local $oy i32) (local $ox i32)
    (local $lo i32) (local $hi i32) (local $iy i32) (local $o i32) (local $rowBytes i32)
    (local $sampleBytes i32) (local $base i32) (local $range i32)
    (local.set $inC (i32.load offset=0 (local.get $geometry)))
    (local.set $inH (i32.load offset=4 (local.get $geometry)))
    (local.set $inW (i32.load offset=8 (local.get $geometry)))
    (local.set $outH (i32.load offset=12 (local.get $geometry)))
    (local.set $outW (i32.load offset=16 (local.get $geometry)))
    (local.set $k (i32.load offset=20 (local.get $geometry)))
    (local.set $s (i32.load offset=24 (local.get $geometry)))
    (local.set $padTop (i32.load offset=28 (local.get $geometry)))
    (local.set $padLeft (i32.load offset=32 (local.get $geometry)))
    (local.set $m (i32.load offset=36 (local.get $geometry)))
    (local.set $sampleBytes (i32.shl (local.get $m) (i32.const $SHIFT))) ;; one pixel, m samples
    (local.set $rowBytes (i32.mul (local.get $outW) (local.get $sampleBytes)))
    (local.set $o (local.get $cols))
    (local.set $c (i32.const 0))
    (loop $channels
      (local.set $ky (i32.const 0))
      (loop $rows
        (local.set $kx (i32.const 0))
        (loop $columns
          (local.set $range (call $insideColumns (local.get $kx) (local.get $inW) (local.get $outW)
                                                 (local.get $s) (local.get $padLeft)))
          (local.set $lo (i32.and (local.get $range) (i32.const 0xffff)))
          (local.set $hi (i32.shr_u (local.get $range) (i32.const 16)))
          (local.set $oy (i32.const 0))
          (loop $outputRows
            (local.set $iy (i32.sub (i32.add (i32.mul (local.get $oy) (local.get $s)) (local.get $ky))
                                    (local.get $padTop)))
            (if (i32.or (i32.or (i32.lt_s (local.get $iy) (i32.const 0))
                                (i32.ge_s (local.get $iy) (local.get $inH)))
                        (i32.ge_s (local.get $lo) (local.get $hi)))
              (then (memory.fill (local.get $o) (i32.const 0) (local.get $rowBytes)))
              (else
                ;; padding on the left and on the right of the row
                (memory.fill (local.get $o) (i32.const 0) (i32.mul (local.get $lo) (local.get $sampleBytes)))
                (memory.fill (i32.add (local.get $o) (i32.mul (local.get $hi) (local.get $sampleBytes)))
                             (i32.const 0)
                             (i32.mul (i32.sub (local.get $outW) (local.get $hi)) (local.get $sampleBytes)))
                ;; base: the input pixel of ox = 0 (it may lie left of the image; lo skips it)
                (local.set $base (i32.sub (i32.add (i32.mul (i32.add (i32.mul (local.get $c) (local.get $inH))
                                                                     (local.get $iy))
                                                            (local.get $inW))
                                                   (local.get $kx))
                                          (local.get $padLeft)))
                (if (i32.eq (local.get $s) (i32.const 1))
                  (then
                    (memory.copy
                      (i32.add (local.get $o) (i32.mul (local.get $lo) (local.get $sampleBytes)))
                      (i32.add (local.get $x) (i32.mul (i32.add (local.get $base) (local.get $lo))
                                                       (local.get $sampleBytes)))
                      (i32.mul (i32.sub (local.get $hi) (local.get $lo)) (local.get $sampleBytes))))
                  (else
                    (local.set $ox (local.get $lo))
                    (loop $strided
                      (memory.copy
                        (i32.add (local.get $o) (i32.mul (local.get $ox) (local.get $sampleBytes)))
                        (i32.add (local.get $x)
                                 (i32.mul (i32.add (local.get $base) (i32.mul (local.get $ox) (local.get $s)))
                                          (local.get $sampleBytes)))
                        (local.get $sampleBytes))
                      (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
                      (br_if $strided (i32.lt_s (local.get $ox) (local.get $hi))))))))
            (local.set $o (i32.add (local.get $o) (local.get $rowBytes)))
            (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
            (br_if $outputRows (i32.lt_s (local.get $oy) (local.get $outH))))
          (local.set $kx (i32.add (local.get $kx) (i32.const 1)))
          (br_if $columns (i32.lt_s (local.get $kx) (local.get $k))))
        (local.set $ky (i32.add (local.get $ky) (i32.const 1)))
        (br_if $rows (i32.lt_s (local.get $ky) (local.get $k))))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br_if $channels (i32.lt_s (local.get $c) (local.get $inC)))))

  ;; to[0 … n) += from[0 … n), $LANES at a time (each sum rounded as the JS `+=`).
  (func $addRun$SUFFIX (param $to i32) (param $from i32) (param $n i32)
    (local $i i32) (local $end i32) (local $vecEnd i32)
    (local.set $end (i32.shl (local.get $n) (i32.const $SHIFT)))
    (local.set $vecEnd (i32.and (local.get $end) (i32.const -16)))
    (loop $lanes
      (if (i32.lt_u (local.get $i) (local.get $vecEnd)) (then
        (v128.store (i32.add (local.get $to) (local.get $i))
          ($V.add (v128.load (i32.add (local.get $to) (local.get $i)))
                  (v128.load (i32.add (local.get $from) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $lanes))))
    (loop $tail
      (if (i32.lt_u (local.get $i) (local.get $end)) (then
        ($T.store (i32.add (local.get $to) (local.get $i))
          ($T.add ($T.load (i32.add (local.get $to) (local.get $i)))
                  ($T.load (i32.add (local.get $from) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const $B)))
        (br $tail)))))

  ;; dx ← col2im(dcols), im2col's adjoint: dx is zeroed, then every entry of dcols is added
  ;; onto the pixel it was copied from, in im2col's order (so the sums round as the JS loop's).
  (func (export "col2im$SUFFIX") (param $dx i32) (param $dcols i32) (param $geometry i32)
    (local $inC i32) (local $inH i32) (local $inW i32) (local $outH i32) (local $outW i32) (local $k i32)
    (local $s i32) (local $padTop i32) (local $padLeft i32) (local $m i32)
    (local $c i32) (local $ky i32) (local $kx i32) (local $oy i32) (local $ox i32)
    (local $lo i32) (local $hi i32) (local $iy i32) (local $o i32) (local $rowBytes i32)
    (local $sampleBytes i32) (local $base i32) (local $range i32)
    (local.set $inC (i32.load offset=0 (local.get $geometry)))
    (local.set $inH (i32.load offset=4 (local.get $geometry)))
    (local.set $inW (i32.load offset=8 (local.get $geometry)))
    (local.set $outH (i32.load offset=12 (local.get $geometry)))
    (local.set $outW (i32.load offset=16 (local.get $geometry)))
    (local.set $k (i32.load offset=20 (local.get $geometry)))
    (local.set $s (i32.load offset=24 (local.get $geometry)))
    (local.set $padTop (i32.load offset=28 (local.get $geometry)))
    (local.set $padLeft (i32.load offset=32 (local.get $geometry)))
    (local.set $m (i32.load offset=36 (local.get $geometry)))
    (local.set $sampleBytes (i32.shl (local.get $m) (i32.const $SHIFT)))
    (local.set $rowBytes (i32.mul (local.get $outW) (local.get $sampleBytes)))
    (memory.fill (local.get $dx) (i32.const 0)
                 (i32.mul (i32.mul (i32.mul (local.get $inC) (local.get $inH)) (local.get $inW))
                          (local.get $sampleBytes)))
    (local.set $o (local.get $dcols))
    (local.set $c (i32.const 0))
    (loop $channels
      (local.set $ky (i32.const 0))
      (loop $rows
        (local.set $kx (i32.const 0))
        (loop $columns
          (local.set $range (call $insideColumns (local.get $kx) (local.get $inW) (local.get $outW)
                                                 (local.get $s) (local.get $padLeft)))
          (local.set $lo (i32.and (local.get $range) (i32.const 0xffff)))
          (local.set $hi (i32.shr_u (local.get $range) (i32.const 16)))
          (local.set $oy (i32.const 0))
          (loop $outputRows
            (local.set $iy (i32.sub (i32.add (i32.mul (local.get $oy) (local.get $s)) (local.get $ky))
                                    (local.get $padTop)))
            (if (i32.and (i32.ge_s (local.get $iy) (i32.const 0)) (i32.lt_s (local.get $iy) (local.get $inH)))
              (then
                (local.set $base (i32.sub (i32.add (i32.mul (i32.add (i32.mul (local.get $c) (local.get $inH))
                                                                     (local.get $iy))
                                                            (local.get $inW))
                                                   (local.get $kx))
                                          (local.get $padLeft)))
                (if (i32.eq (local.get $s) (i32.const 1))
                  (then
                    (call $addRun$SUFFIX
                      (i32.add (local.get $dx) (i32.mul (i32.add (local.get $base) (local.get $lo))
                                                        (local.get $sampleBytes)))
                      (i32.add (local.get $o) (i32.mul (local.get $lo) (local.get $sampleBytes)))
                      (i32.mul (i32.sub (local.get $hi) (local.get $lo)) (local.get $m))))
                  (else
                    (local.set $ox (local.get $lo))
                    (block $done
                      (loop $strided
                        (br_if $done (i32.ge_s (local.get $ox) (local.get $hi)))
                        (call $addRun$SUFFIX
                          (i32.add (local.get $dx)
                                   (i32.mul (i32.add (local.get $base) (i32.mul (local.get $ox) (local.get $s)))
                                            (local.get $sampleBytes)))
                          (i32.add (local.get $o) (i32.mul (local.get $ox) (local.get $sampleBytes)))
                          (local.get $m))
                        (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
                        (br $strided)))))))
            (local.set $o (i32.add (local.get $o) (local.get $rowBytes)))
            (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
            (br_if $outputRows (i32.lt_s (local.get $oy) (local.get $outH))))
          (local.set $kx (i32.add (local.get $kx) (i32.const 1)))
          (br_if $columns (i32.lt_s (local.get $kx) (local.get $k))))
        (local.set $ky (i32.add (local.get $ky) (i32.const 1)))
        (br_if $rows (i32.lt_s (local.get $ky) (local.get $k))))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br_if $channels (i32.lt_s (local.get $c) (local.get $inC)))))

  ;; z[r, :] += bias[r] for each of `rows` rows of `cols` values (a convolution's F × (P·m)).
  (func (export "addRowBias$SUFFIX") (param $z i32) (param $bias i32) (param $rows i32) (param $cols i32)
    (local $r i32) (local $i i32) (local $row i32) (local $end i32) (local $vecEnd i32)
    (local $b $T) (local $bv v128)
    (local.set $end (i32.shl (local.get $cols) (i32.const $SHIFT)))
    (local.set $vecEnd (i32.and (local.get $end) (i32.const -16)))
    (local.set $row (local.get $z))
    (block $done
      (loop $eachRow
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $b ($T.load (i32.add (local.get $bias) (i32.shl (local.get $r) (i32.const $SHIFT)))))
        (local.set $bv ($V.splat (local.get $b)))
        (local.set $i (i32.const 0))
        (loop $lanes
          (if (i32.lt_u (local.get $i) (local.get $vecEnd)) (then
            (v128.store (i32.add (local.get $row) (local.get $i))
              ($V.add (v128.load (i32.add (local.get $row) (local.get $i))) (local.get $bv)))
            (local.set $i (i32.add (local.get $i) (i32.const 16)))
            (br $lanes))))
        (loop $tail
          (if (i32.lt_u (local.get $i) (local.get $end)) (then
            ($T.store (i32.add (local.get $row) (local.get $i))
              ($T.add ($T.load (i32.add (local.get $row) (local.get $i))) (local.get $b)))
            (local.set $i (i32.add (local.get $i) (i32.const $B)))
            (br $tail))))
        (local.set $row (i32.add (local.get $row) (local.get $end)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $eachRow))))
  ;; @end
