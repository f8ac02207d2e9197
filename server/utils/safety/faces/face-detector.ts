/** A face found in a picture, in that picture's pixels. */
export interface FaceBox { x: number, y: number, width: number, height: number, score: number }

/** Raw pixels, three channels (RGB), row by row. */
export interface RgbPicture { pixels: Buffer, width: number, height: number }

/** Finds faces offline; throws when it cannot look (the upload is then refused: fail closed). */
export interface FaceDetector {
  readonly id: string
  readonly model: string
  detect(picture: RgbPicture): Promise<FaceBox[]>
}
