  ;; sigmoid for sigmoid-wasm.ts (included by kernels.wat): the bits of sigmoidScalar
  ;; (sigmoid-kernels.ts) with linalg's exp (math/exp.ts), two values per f64x2, float32
  ;; widened and the result rounded once on the store, as the JS loop's assignment does.
  ;;
  ;; sigmoidScalar takes 1/(1 + exp(-z)) for z >= 0 and e/(1 + e), e = exp(z), for z < 0:
  ;; both exponents are -|z| (-0 included: exp(+0) = exp(-0) = 1 on either path), so each
  ;; lane computes e = exp(-|z|) once and a mask picks the numerator, 1 or e. exp's hot path
  ;; is written out with the same operations in the same order; f64x2 lanes round as scalar
  ;; f64 does (no fused multiply-add: no relaxed SIMD here), so every lane gets exp's double:
  ;;   k = round(x·128/ln2) by x·N + SHIFT - SHIFT; r = (x - k·HI) - k·LO
  ;;   p = ((tail + r) + r²(C2 + r·C3)) + (r²·r²)(C4 + r·C5)
  ;;   exp(x) = (head + head·p)·2^e,   k = 128e + i,  (head, tail) = table row i
  ;; k is never converted: t = x·N + SHIFT lies in [2^52, 2^53), where doubles step by 1, so
  ;; bits(t) = bits(SHIFT) + k, and as bits(SHIFT) ends in 51 zero bits, t's low bits are k's
  ;; (two's complement): i = t mod 128 (read as an integer, per lane, for the table row: there
  ;; is no gather), and 2^e = the double with bits (e + 1023) << 52, exactly exp.ts's
  ;; POWERS_OF_TWO for e in [-1022, 0] (|z| < 708), is ((t & -128) << 45) + (1023 << 52).
  ;;
  ;; Lanes with |z| >= 708 or NaN (exp's out-of-range path) get a meaningless value: the
  ;; kernel counts them and the caller recomputes those in JS (rare: |z| >= 708 in training).
  ;;
  ;; tables (byte offset, 8-aligned), written by sigmoid-wasm.ts from exp's own modules and
  ;; expressions (no literal here to drift): 128 rows (head, tail) of 2^(i/128), exp2-table.ts's
  ;; EXP2_HEAD_TAIL; then from byte 2048, one double each: N, SHIFT, HI, LO, C2, C3, C4, C5,
  ;; 1 (whose bits are also 1023 << 52), -708, -0 (the sign bit), and the integer -128. They
  ;; are loaded from memory, not written as constants: V8 rebuilds a v128 constant in every
  ;; iteration (3 or 4 instructions), and loaded ones it only spills.

  ;; @both
  ;; out[i] = s = sigmoid(z[i]) for derivative = 0, s·(1 - s) for derivative = 1 (s in
  ;; double, as the JS loops); returns how many z were left for the caller. out may be z.
  (func (export "sigmoid$SUFFIX") (param $z i32) (param $out i32) (param $n i32) (param $tables i32) (param $derivative i32) (result i32)
    (local $i i32) (local $end i32) (local $whole i32)
    (local $nOverLn2 v128) (local $shift v128) (local $hi v128) (local $lo v128)
    (local $c2 v128) (local $c3 v128) (local $c4 v128) (local $c5 v128) (local $one v128) (local $limit v128)
    (local $kept v128) (local $sign v128) (local $multiples v128) (local $v v128) (local $x v128) (local $t v128) (local $kd v128)
    (local $r v128) (local $r2 v128) (local $row0 v128) (local $row1 v128)
    (local $p v128) (local $e v128) (local $s v128)
    (local.set $nOverLn2 (v128.load64_splat offset=2048 (local.get $tables)))
    (local.set $shift (v128.load64_splat offset=2056 (local.get $tables)))
    (local.set $hi (v128.load64_splat offset=2064 (local.get $tables)))
    (local.set $lo (v128.load64_splat offset=2072 (local.get $tables)))
    (local.set $c2 (v128.load64_splat offset=2080 (local.get $tables)))
    (local.set $c3 (v128.load64_splat offset=2088 (local.get $tables)))
    (local.set $c4 (v128.load64_splat offset=2096 (local.get $tables)))
    (local.set $c5 (v128.load64_splat offset=2104 (local.get $tables)))
    (local.set $one (v128.load64_splat offset=2112 (local.get $tables)))
    (local.set $limit (v128.load64_splat offset=2120 (local.get $tables)))
    (local.set $sign (v128.load64_splat offset=2128 (local.get $tables)))
    (local.set $multiples (v128.load64_splat offset=2136 (local.get $tables)))
    (local.set $end (i32.shl (local.get $n) (i32.const $SHIFT)))
    (loop $pairs
      (if (i32.lt_u (local.get $i) (local.get $end)) (then
        ;; Two values, or the last one alone (lane 1 then 0, which is never left out).
        (local.set $whole (i32.le_u (i32.add (local.get $i) (i32.const $PAIR_BYTES)) (local.get $end)))
        (if (local.get $whole)
          (then (local.set $v ($LOAD2 (i32.add (local.get $z) (local.get $i)))))
          (else (local.set $v ($LOAD1 (i32.add (local.get $z) (local.get $i))))))
        ;; x = -|z| (the sign bit set); kept += [x > -708] per lane (a true mask is -1)
        (local.set $x (v128.or (local.get $v) (local.get $sign)))
        (local.set $kept (i64x2.sub (local.get $kept) (f64x2.gt (local.get $x) (local.get $limit))))
        (local.set $t (f64x2.add (f64x2.mul (local.get $x) (local.get $nOverLn2)) (local.get $shift)))
        (local.set $kd (f64x2.sub (local.get $t) (local.get $shift)))
        (local.set $r (f64x2.sub (f64x2.sub (local.get $x) (f64x2.mul (local.get $kd) (local.get $hi)))
          (f64x2.mul (local.get $kd) (local.get $lo))))
        ;; Row i = t mod 128 of the table, byte offset 16i, lane by lane
        (local.set $row0 (v128.load (i32.add (local.get $tables)
          (i32.shl (i32.and (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $t))) (i32.const 127)) (i32.const 4)))))
        (local.set $row1 (v128.load (i32.add (local.get $tables)
          (i32.shl (i32.and (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $t))) (i32.const 127)) (i32.const 4)))))
        (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
        ;; p, with the tails of both rows (their high halves) as one vector
        (local.set $p
          (f64x2.add
            (f64x2.add
              (f64x2.add
                (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $row0) (local.get $row1))
                (local.get $r))
              (f64x2.mul (local.get $r2) (f64x2.add (local.get $c2) (f64x2.mul (local.get $r) (local.get $c3)))))
            (f64x2.mul (f64x2.mul (local.get $r2) (local.get $r2))
              (f64x2.add (local.get $c4) (f64x2.mul (local.get $r) (local.get $c5))))))
        ;; heads (the low halves) into $row0, then e = (head + head·p)·2^e, 2^e from its bits
        (local.set $row0 (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $row0) (local.get $row1)))
        (local.set $e
          (f64x2.mul
            (f64x2.add (local.get $row0) (f64x2.mul (local.get $row0) (local.get $p)))
            (i64x2.add (i64x2.shl (v128.and (local.get $t) (local.get $multiples)) (i32.const 45))
              (local.get $one))))
        ;; s = 1/(1 + e) where z >= 0 (-0 too), e/(1 + e) where z < 0
        (local.set $s
          (f64x2.div
            (v128.bitselect (local.get $one) (local.get $e) (f64x2.ge (local.get $v) (v128.const i64x2 0 0)))
            (f64x2.add (local.get $one) (local.get $e))))
        (if (local.get $derivative) (then
          (local.set $s (f64x2.mul (local.get $s) (f64x2.sub (local.get $one) (local.get $s))))))
        (if (local.get $whole)
          (then ($STORE2 (i32.add (local.get $out) (local.get $i)) (local.get $s)))
          (else ($STORE1 (i32.add (local.get $out) (local.get $i)) (local.get $s))))
        (local.set $i (i32.add (local.get $i) (i32.const $PAIR_BYTES)))
        (br $pairs))))
    ;; left = lanes run (n rounded up to even) - lanes kept
    (i32.sub (i32.and (i32.add (local.get $n) (i32.const 1)) (i32.const -2))
      (i32.wrap_i64 (i64.add (i64x2.extract_lane 0 (local.get $kept)) (i64x2.extract_lane 1 (local.get $kept))))))
  ;; @end
