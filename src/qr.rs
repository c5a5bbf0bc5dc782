//! The QR code of a share link, as SVG: a wasm module of its own (the `qr` example target of
//! Cargo.toml, built by scripts/wasm-build.sh, a few kB), which the widget loads only when a share
//! link is made or the page is printed, never on the way to the first question. Nayuki's
//! `qrcodegen` does the encoding (error correction level M: a printout with a crease still reads);
//! this file only draws the modules. It imports nothing of the library, so the module carries no
//! widget code.
#![cfg(target_arch = "wasm32")]

use qrcodegen::{QrCode, QrCodeEcc};
use wasm_bindgen::prelude::*;

/// The quiet zone around the code, in modules (the standard asks for 4).
const BORDER: i32 = 4;

/// The QR code of `text` as an SVG document (black modules on white, one path, scalable), or an
/// error when the text is too long for any QR code.
#[wasm_bindgen(js_name = qrSvg)]
pub fn qr_svg(text: &str) -> Result<String, JsValue> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium)
        .map_err(|_| JsValue::from_str("the link is too long for a QR code"))?;
    Ok(svg(&qr))
}

fn svg(qr: &QrCode) -> String {
    use std::fmt::Write as _;
    let size = qr.size();
    let side = size + 2 * BORDER;
    let mut path = String::with_capacity((size * size) as usize * 6);
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if !qr.get_module(x, y) {
                x += 1;
                continue;
            }
            // A run of dark modules on this row: one rectangle.
            let start = x;
            while x < size && qr.get_module(x, y) {
                x += 1;
            }
            let _ = write!(path, "M{},{}h{}v1h-{}z", start + BORDER, y + BORDER, x - start, x - start);
        }
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" shape-rendering=\"crispEdges\" aria-hidden=\"true\" focusable=\"false\"><rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>"
    )
}
