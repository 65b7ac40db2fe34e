import { parsePhoneNumberWithError } from './vendor';

export type NumberKind = 'sms' | 'voice';

export type PhoneVerdict =
	{ valid: true; number: string } | { valid: false; input: string; reason: string };

const ALLOWED_CHARACTERS = /^\+?[\d\s\-.()]+$/;

/**
 * Normalises one recipient to the form the gateway takes: Israeli numbers as `05XXXXXXXX`
 * (national digits), other countries as international digits without `+`.
 * Validity is checked by length and country (libphonenumber-js `min` metadata, chosen on purpose
 * so new Israeli ranges are not refused); SMS recipients in Israel must be mobile (05x).
 */
export function normalisePhoneNumber(raw: string, kind: NumberKind): PhoneVerdict {
	// Fast path: the common form is already what the gateway takes; `normaliseFully` gives the same
	// verdict for every such number (IL metadata: national numbers [57]\d{8}; property-tested).
	if (COMMON_MOBILE.test(raw)) return { valid: true, number: raw };
	return normaliseFully(raw, kind);
}

/** `05XXXXXXXX`: ten digits, an Israeli mobile number as the gateway takes it. */
const COMMON_MOBILE = /^05\d{8}$/;

/** The full path: every form, checked with libphonenumber-js. */
export function normaliseFully(raw: string, kind: NumberKind): PhoneVerdict {
	const input = raw.trim();
	if (input === '') return { valid: false, input, reason: 'the number is empty' };
	if (!ALLOWED_CHARACTERS.test(input)) {
		return {
			valid: false,
			input,
			reason: 'only digits, spaces, dashes, dots, brackets and a leading + are allowed',
		};
	}
	const digits = input.replace(/\D/g, '');
	if (digits.length < 8) return { valid: false, input, reason: 'too short for a phone number' };
	if (digits.length > 15)
		return { valid: false, input, reason: 'longer than the 15 digits a phone number can have' };
	const international = input.startsWith('+') || (digits.startsWith('972') && digits.length >= 11);
	let parsed;
	try {
		parsed = parsePhoneNumberWithError(international ? `+${digits}` : digits, 'IL');
	} catch (error) {
		return { valid: false, input, reason: `not a phone number (${(error as Error).message})` };
	}
	if (!parsed.isValid())
		return { valid: false, input, reason: 'not a valid number for its country' };
	if (parsed.countryCallingCode !== '972')
		return { valid: true, number: `${parsed.countryCallingCode}${parsed.nationalNumber}` };
	if (kind === 'sms' && !/^5\d{8}$/.test(parsed.nationalNumber)) {
		return {
			valid: false,
			input,
			reason: 'an Israeli SMS recipient must be a mobile number (05X)',
		};
	}
	return { valid: true, number: `0${parsed.nationalNumber}` };
}

/** Splits recipients given as text (comma, semicolon or newline separated) or as an array from an expression. */
export function splitRecipients(value: unknown): string[] {
	const parts: string[] = [];
	const visit = (entry: unknown): void => {
		if (Array.isArray(entry)) entry.forEach(visit);
		else if (typeof entry === 'number') parts.push(String(entry));
		else if (typeof entry === 'string') parts.push(...entry.split(/[,;\r\n]+/));
	};
	visit(value);
	return parts.map((part) => part.trim()).filter((part) => part !== '');
}

export interface RecipientList {
	numbers: string[];
	invalid: Array<{ input: string; reason: string }>;
	duplicates: number;
}

/** Normalises a list of recipients, dropping repeats of the same number. */
export function normaliseRecipients(value: unknown, kind: NumberKind): RecipientList {
	const numbers: string[] = [];
	const invalid: RecipientList['invalid'] = [];
	const seen = new Set<string>();
	let duplicates = 0;
	for (const raw of splitRecipients(value)) {
		const verdict = normalisePhoneNumber(raw, kind);
		if (!verdict.valid) invalid.push({ input: verdict.input, reason: verdict.reason });
		else if (seen.has(verdict.number)) duplicates++;
		else {
			seen.add(verdict.number);
			numbers.push(verdict.number);
		}
	}
	return { numbers, invalid, duplicates };
}
