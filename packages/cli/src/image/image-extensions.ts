/** Files predict treats as images (kept apart from the decoder so that startup does not load jimp). */
export const IMAGE_EXTENSIONS: readonly string[] = ['.png', '.jpg', '.jpeg', '.bmp', '.gif', '.tif', '.tiff'];
