/**
 * Characters XML 1.0 cannot carry (C0 controls other than tab, CR and LF; U+FFFE and U+FFFF; a
 * surrogate without its pair), and DEL, which handsets do not show. A text holding one would make an
 * invalid SOAP envelope, so every text is checked before a request is built, in both protocols.
 */
function isRefused(code: number): boolean {
	return (
		(code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
		code === 0x7f ||
		code === 0xfffe ||
		code === 0xffff
	);
}

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why a text cannot travel in XML (`contains the control character U+0007 at position 5`), or undefined. */
export function xmlTextProblem(text: string): string | undefined {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (isRefused(code))
			return `contains the control character ${hex(code)} at position ${index + 1}`;
		if (code >= 0xd800 && code <= 0xdbff) {
			const next = text.charCodeAt(index + 1);
			if (next >= 0xdc00 && next <= 0xdfff) {
				index++;
				continue;
			}
			return 'contains a broken surrogate pair';
		}
		if (code >= 0xdc00 && code <= 0xdfff) return 'contains a broken surrogate pair';
	}
	return undefined;
}
