/**
 * The most a genuine delivery notification can hold. Anything beyond is not something SMSCenter sends:
 * the notification is answered, treated as malformed, and never remembered.
 */
export const NOTIFICATION_LIMITS = {
	/** Query string plus body. The gateway sends a GET whose URL holds seven short tokens. */
	bytes: 8192,
	fields: 40,
	fieldNameLength: 64,
	/** `MessageID` is a `long` in the API document: at most 19 digits. */
	messageIdDigits: 19,
	/** E.164 allows 15 digits; a leading + and a few separators fit in 20 characters. */
	msisdnLength: 20,
	/** Status codes are three digits (200-700); reason codes three digits (204-999). */
	codeLength: 4,
	/** `DDMMYYYYHHMMSS`. */
	dateLength: 14,
	/** `StatusDes`, `ReasonDes` (for reason 999 the provider's own message) and any other field. */
	textLength: 500,
} as const;

/** `long` in .NET, the type of `MessageID`. */
export const MAX_MESSAGE_ID = 9223372036854775807n;

/** A value cut to a short excerpt for a problem message, so that an oversized field is never echoed whole. */
export function excerpt(value: string, length = 32): string {
	return value.length <= length ? value : `${value.slice(0, length)}… (${value.length} characters)`;
}
