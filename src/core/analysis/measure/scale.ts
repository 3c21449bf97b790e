/**
 * Analysis frames are at most this tall, in the browser and in the server's re-check alike:
 * enough for the face mesh, and the pixel readings (sharpness above all) depend on the scale
 * they are taken at, so both sides must read the same scale to agree.
 */
export const ANALYSIS_HEIGHT = 640;
