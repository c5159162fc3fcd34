import sharp from 'sharp';

export interface ImageProcessor {
  /**
   * A square avatar of `size` pixels, as WebP. Returns null when the bytes are not an image
   * the processor can read, so callers can answer 415 rather than fail.
   */
  squareAvatar(input: Buffer, size: number): Promise<Buffer | null>;
}

export function sharpImageProcessor(): ImageProcessor {
  return {
    async squareAvatar(input, size) {
      try {
        return await sharp(input, { limitInputPixels: 50_000_000 })
          .rotate() // honour EXIF orientation from phone cameras
          .resize(size, size, { fit: 'cover', position: 'attention' })
          .webp({ quality: 82 })
          .toBuffer();
      } catch {
        return null;
      }
    },
  };
}
