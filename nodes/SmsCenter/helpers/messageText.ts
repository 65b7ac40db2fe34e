/** Characters XML 1.0 cannot carry and handsets do not show; tab, CR and LF are allowed. */
function isControlCharacter(code: number): boolean {
	return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f || code === 0xfffe || code === 0xffff;
}

function firstControlCharacter(text: string): number {
	for (let index = 0; index < text.length; index++) {
		if (isControlCharacter(text.charCodeAt(index))) return index;
	}
	return -1;
}

export const MAX_SEGMENTS = 10;

/** Returns why a message text is refused, or undefined. */
export function messageTextProblem(text: string): string | undefined {
	if (text.trim() === '') return 'the message is empty';
	const at = firstControlCharacter(text);
	if (at >= 0) return `the message contains the control character U+${text.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0')} at position ${at + 1}`;
	if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)) return 'the message contains a broken surrogate pair';
	return undefined;
}
