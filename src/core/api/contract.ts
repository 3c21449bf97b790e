/**
 * The shapes Innov8tif's Centralized OkayLive API speaks (see README "Contract").
 * Kept free of any transport so the browser client and the server share them.
 */

/** Codes the person can fix by retaking the selfie. */
export const FACE_CODES = [
  'FACE_NOT_FOUND',
  'TOO_MANY_FACES',
  'FACE_TOO_SMALL',
  'FACE_TOO_CLOSE',
  'FACE_CLOSE_TO_BORDER',
  'FACE_CROPPED',
  'FACE_IS_OCCLUDED',
  'FACE_ANGLE_TOO_LARGE',
  'EYES_CLOSED',
] as const;
export type FaceCode = (typeof FACE_CODES)[number];

/** General codes from the OkayLive error list. */
export const GENERAL_CODES = [
  'INVALID_JOURNEY_ID',
  'MISSING_ARGUMENTS',
  'MAX_API_CALL_EXCEEDED',
  'API_KEY_EXPIRED',
  'INVALID_API_KEY',
  'MAX_JOURNEY_EXCEEDED',
  'UNEXPECTED_ERROR',
  'UNRECOGNIZED_IMAGE',
  'UNRESOLVED_PIC_CONTENT',
  'PAYLOAD_TOO_LARGE',
  'REQUEST_TOO_LARGE',
  'FAILED_TO_DECODE_IMAGE',
] as const;
export type GeneralCode = (typeof GENERAL_CODES)[number];

export type ContractCode = FaceCode | GeneralCode;

const FACE_CODE_SET: ReadonlySet<string> = new Set(FACE_CODES);
const GENERAL_CODE_SET: ReadonlySet<string> = new Set(GENERAL_CODES);

export function isFaceCode(value: unknown): value is FaceCode {
  return typeof value === 'string' && FACE_CODE_SET.has(value);
}

export function isGeneralCode(value: unknown): value is GeneralCode {
  return typeof value === 'string' && GENERAL_CODE_SET.has(value);
}

/** The vendor writes two of its general errors as sentences rather than codes. */
const SENTENCE_CODES: ReadonlyArray<readonly [RegExp, GeneralCode]> = [
  [/request size exceed/i, 'REQUEST_TOO_LARGE'],
  [/failed to decode image/i, 'FAILED_TO_DECODE_IMAGE'],
];

/** Maps whatever the service put in `message` to one of the known codes, if any. */
export function toContractCode(message: unknown): ContractCode | undefined {
  if (typeof message !== 'string') return undefined;
  const trimmed = message.trim();
  if (isFaceCode(trimmed) || isGeneralCode(trimmed)) return trimmed;
  for (const [pattern, code] of SENTENCE_CODES) if (pattern.test(trimmed)) return code;
  return undefined;
}

/** `POST /api/ekyc/okaylive` success body. */
export interface OkayLiveSuccess {
  status: 'success';
  messageCode: string;
  /** 0..1, probability that the selfie shows a live person. */
  probability: number;
  /** Linear liveness score, about -16.1..16.1; for tuning only, never for decisions. */
  score: number;
  /** 0..1, probability that the image is good enough to judge. */
  quality: number;
}

/** Recommended thresholds from "Interpretation of Result and Recommended Threshold". */
export const PROBABILITY_THRESHOLD = 0.5;
export const QUALITY_THRESHOLD = 0.5;
/** ln(1e-7): the score range the vendor documents. */
export const SCORE_LIMIT = 16.11809565095832;

/** Multipart part names and limits of the OkayLive request. */
export const PART_IMAGE = 'imageBest';
export const PART_JOURNEY = 'journeyId';
export const IMAGE_FILENAME = 'selfie.jpg';
export const MAX_IMAGE_BYTES = 3 * 1024 * 1024;
export const MAX_REQUEST_BYTES = 5 * 1024 * 1024;

/** The three outcomes a verdict-only answer carries (the contract thresholds applied by the server). */
export const VERDICT_OUTCOMES = ['live', 'not_live', 'retake'] as const;

/**
 * `POST /api/ekyc/okaylive` success body from a server in verdict-only mode: the outcome the
 * thresholds give, without probability, quality or score (the server keeps those).
 */
export interface OkayLiveVerdictOnly {
  status: 'success';
  messageCode: 'api.success';
  outcome: (typeof VERDICT_OUTCOMES)[number];
}

export function isVerdictOnlySuccess(body: unknown): body is OkayLiveVerdictOnly {
  if (typeof body !== 'object' || body === null) return false;
  const record = body as Record<string, unknown>;
  return (
    record.status === 'success' &&
    record.messageCode === 'api.success' &&
    VERDICT_OUTCOMES.some((o) => o === record.outcome)
  );
}
