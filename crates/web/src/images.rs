//! Cover images: decoded and encoded again, so that only pixels are kept (no metadata, no
//! scripts, no polyglot files); PNG, JPEG and WebP in, PNG or JPEG out; SVG and anything else
//! refused. Decoding is bounded so that a small file cannot claim gigabytes of memory.

use essaim_domain::Invalid;
use image::{ImageFormat, ImageReader, Limits};
use std::io::Cursor;

pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// Larger images are scaled down to this width (pages never show them wider).
const MAX_WIDTH: u32 = 1600;
const MAX_DIMENSION: u32 = 12_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanImage {
    pub mime: &'static str,
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

pub fn sanitise(bytes: &[u8]) -> Result<CleanImage, Invalid> {
    if bytes.is_empty() {
        return Err(Invalid::new("image_required"));
    }
    if bytes.len() > MAX_BYTES {
        return Err(Invalid::new("image_too_large"));
    }
    let format = image::guess_format(bytes).map_err(|_| Invalid::new("image_format"))?;
    if !matches!(
        format,
        ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP
    ) {
        return Err(Invalid::new("image_format"));
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DIMENSION);
    limits.max_image_height = Some(MAX_DIMENSION);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let mut img = reader
        .decode()
        .map_err(|_| Invalid::new("image_unreadable"))?;
    if img.width() > MAX_WIDTH {
        img = img.resize(MAX_WIDTH, u32::MAX, image::imageops::FilterType::Triangle);
    }
    // JPEG stays JPEG (photographs); PNG and WebP become PNG (they may have transparency).
    let (out_format, mime) = if format == ImageFormat::Jpeg {
        img = image::DynamicImage::ImageRgb8(img.to_rgb8());
        (ImageFormat::Jpeg, "image/jpeg")
    } else {
        (ImageFormat::Png, "image/png")
    };
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, out_format)
        .map_err(|_| Invalid::new("image_unreadable"))?;
    Ok(CleanImage {
        mime,
        bytes: out.into_inner(),
        width: img.width(),
        height: img.height(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbaImage::from_pixel(w, h, image::Rgba([200, 150, 0, 255]));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn a_png_is_re_encoded_and_large_ones_scaled() {
        let clean = sanitise(&png(40, 30)).unwrap();
        assert_eq!(
            (clean.mime, clean.width, clean.height),
            ("image/png", 40, 30)
        );
        let big = sanitise(&png(3200, 100)).unwrap();
        assert_eq!((big.width, big.height), (1600, 50));
    }

    #[test]
    fn metadata_and_trailing_payloads_are_gone() {
        let mut polyglot = png(10, 10);
        polyglot.extend_from_slice(b"<script>alert(1)</script>");
        let clean = sanitise(&polyglot).unwrap();
        assert!(!clean.bytes.windows(8).any(|w| w == b"<script>"));
    }

    #[test]
    fn svg_text_and_oversized_files_are_refused() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
        assert_eq!(sanitise(svg).unwrap_err().code, "image_format");
        assert_eq!(sanitise(b"hello").unwrap_err().code, "image_format");
        assert_eq!(sanitise(&[]).unwrap_err().code, "image_required");
        assert_eq!(
            sanitise(&vec![0u8; MAX_BYTES + 1]).unwrap_err().code,
            "image_too_large"
        );
        let mut truncated = png(50, 50);
        truncated.truncate(60);
        assert_eq!(sanitise(&truncated).unwrap_err().code, "image_unreadable");
    }
}
