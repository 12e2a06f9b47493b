//! `uniffi-bindgen` for this workspace, so the generator always matches the
//! uniffi version the library was built with. Used by scripts/bindings/.
fn main() {
    uniffi::uniffi_bindgen_main()
}
