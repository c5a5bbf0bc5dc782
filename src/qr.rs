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
    let size = qr.size();
    let side = size + 2 * BORDER;
    let mut out = String::with_capacity((size * size) as usize * 4 + 300);
    out.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ");
    push(&mut out, side);
    out.push(' ');
    push(&mut out, side);
    out.push_str("\" shape-rendering=\"crispEdges\" aria-hidden=\"true\" focusable=\"false\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
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
            out.push('M');
            push(&mut out, start + BORDER);
            out.push(',');
            push(&mut out, y + BORDER);
            out.push('h');
            push(&mut out, x - start);
            out.push_str("v1h-");
            push(&mut out, x - start);
            out.push('z');
        }
    }
    out.push_str("\"/></svg>");
    out
}

/// Appends a small non-negative number in decimal (no `format!`: the module stays a few kB).
fn push(out: &mut String, n: i32) {
    if n >= 10 {
        push(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}
