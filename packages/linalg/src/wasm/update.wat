  ;; The SGD step and the L2 decay on parameters kept in an arena (parameter-arena.ts), with
  ;; the bits of the JS loops they replace: `p[i] -= step * g[i]` and `w[i] *= factor`
  ;; compute in double (step and factor are doubles; float32 values are widened) and round
  ;; once on the store. Two lanes of f64x2 at a time do exactly that; a last odd value alone.

  ;; @both
  ;; p[0 … n) ← p − step·g
  (func (export "sgdUpdate$SUFFIX") (param $p i32) (param $g i32) (param $n i32) (param $step f64)
    (local $i i32) (local $pairs i32) (local $at i32) (local $s v128)
    (local.set $s (f64x2.splat (local.get $step)))
    (local.set $pairs (i32.shr_u (local.get $n) (i32.const 1)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $pairs)))
        (local.set $at (i32.mul (local.get $i) (i32.const $PAIR_BYTES)))
        ($STORE2 (i32.add (local.get $p) (local.get $at))
          (f64x2.sub ($LOAD2 (i32.add (local.get $p) (local.get $at)))
                     (f64x2.mul (local.get $s) ($LOAD2 (i32.add (local.get $g) (local.get $at))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    (if (i32.and (local.get $n) (i32.const 1)) (then
      (local.set $at (i32.mul (local.get $pairs) (i32.const $PAIR_BYTES)))
      ($STORE1 (i32.add (local.get $p) (local.get $at))
        (f64x2.sub ($LOAD1 (i32.add (local.get $p) (local.get $at)))
                   (f64x2.mul (local.get $s) ($LOAD1 (i32.add (local.get $g) (local.get $at)))))))))

  ;; w[0 … n) ← factor·w
  (func (export "decay$SUFFIX") (param $w i32) (param $n i32) (param $factor f64)
    (local $i i32) (local $pairs i32) (local $at i32) (local $f v128)
    (local.set $f (f64x2.splat (local.get $factor)))
    (local.set $pairs (i32.shr_u (local.get $n) (i32.const 1)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $pairs)))
        (local.set $at (i32.mul (local.get $i) (i32.const $PAIR_BYTES)))
        ($STORE2 (i32.add (local.get $w) (local.get $at))
          (f64x2.mul ($LOAD2 (i32.add (local.get $w) (local.get $at))) (local.get $f)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    (if (i32.and (local.get $n) (i32.const 1)) (then
      (local.set $at (i32.mul (local.get $pairs) (i32.const $PAIR_BYTES)))
      ($STORE1 (i32.add (local.get $w) (local.get $at))
        (f64x2.mul ($LOAD1 (i32.add (local.get $w) (local.get $at))) (local.get $f))))))
  ;; @end
