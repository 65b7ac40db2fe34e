/** The word Israel's Communications Law (section 30A) requires at the start of an advertising message. */
export const ADVERTISING_WORD = 'פרסומת';
export const DEFAULT_OPT_OUT_LINE = 'להסרה השב הסר';

/** Marks a text as advertising: the required word first, the opt-out line last. */
export function markAsAdvertising(text: string, optOutLine: string): string {
	const body = text.trimStart().startsWith(ADVERTISING_WORD)
		? text
		: `${ADVERTISING_WORD}: ${text}`;
	const line = optOutLine.trim();
	return line === '' || body.trimEnd().endsWith(line) ? body : `${body}\n${line}`;
}
