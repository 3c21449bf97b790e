import type { HeadPose } from '../types.ts';

export type { HeadPose };

/** A direction in camera space: x right, y down, z away from the camera. */
export type Vec3 = [number, number, number];

const deg = (r: number): number => (r * 180) / Math.PI;
const rad = (d: number): number => (d * Math.PI) / 180;

/** The face's axes in camera space: x to the person's left, y down the face, z into the head. */
export interface FaceAxes {
  x: Vec3;
  y: Vec3;
  z: Vec3;
}

/**
 * The angles of a face frame, read as a turn about the camera's vertical (yaw), then a nod
 * about the turned face's horizontal (pitch), then a lean in the face's own plane (roll).
 */
export function poseOf(axes: FaceAxes): HeadPose {
  const { x, y, z } = axes;
  return {
    yaw: deg(Math.atan2(-z[0], z[2])),
    pitch: deg(Math.atan2(z[1], Math.hypot(z[0], z[2]))),
    roll: deg(Math.atan2(x[1], y[1])),
  };
}

/** The face frame of a pose: the inverse of poseOf. */
export function axesOf(pose: HeadPose): FaceAxes {
  const [cy, sy] = [Math.cos(rad(-pose.yaw)), Math.sin(rad(-pose.yaw))];
  const [cp, sp] = [Math.cos(rad(-pose.pitch)), Math.sin(rad(-pose.pitch))];
  const [cr, sr] = [Math.cos(rad(pose.roll)), Math.sin(rad(pose.roll))];
  // Columns of Ry(−yaw)·Rx(−pitch)·Rz(roll), with x right, y down, z away from the camera.
  const yawPitch = (v: Vec3): Vec3 => {
    const afterPitch: Vec3 = [v[0], cp * v[1] - sp * v[2], sp * v[1] + cp * v[2]];
    return [cy * afterPitch[0] + sy * afterPitch[2], afterPitch[1], -sy * afterPitch[0] + cy * afterPitch[2]];
  };
  return { x: yawPitch([cr, sr, 0]), y: yawPitch([-sr, cr, 0]), z: yawPitch([0, 0, 1]) };
}

/** A face frame turned in the image plane by `deg` clockwise, as a photo turned on the table. */
export function turnedInImage(axes: FaceAxes, degrees: number): FaceAxes {
  const [c, s] = [Math.cos(rad(degrees)), Math.sin(rad(degrees))];
  const turn = (v: Vec3): Vec3 => [c * v[0] - s * v[1], s * v[0] + c * v[1], v[2]];
  return { x: turn(axes.x), y: turn(axes.y), z: turn(axes.z) };
}
