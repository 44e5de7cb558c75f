use std::ffi::CString;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    unsafe {
        let h = highs_sys::Highs_create();
        let p = CString::new(a[1].clone()).unwrap();
        highs_sys::Highs_readModel(h, p.as_ptr());
        let k = CString::new("time_limit").unwrap();
        highs_sys::Highs_setDoubleOptionValue(h, k.as_ptr(), a[2].parse().unwrap());
        for kv in a.iter().skip(3) {
            let (k, v) = kv.split_once('=').unwrap();
            let k = CString::new(k).unwrap();
            let v = CString::new(v).unwrap();
            highs_sys::Highs_setOptionValue(h, k.as_ptr(), v.as_ptr());
        }
        highs_sys::Highs_run(h);
    }
}
