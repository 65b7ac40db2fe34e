import type { GatewayLogin } from './login';

/** What stands in for a removed login. */
export const HIDDEN = '***';

/** The shortest user name worth removing: shorter ones would cut ordinary words apart. */
const MIN_USERNAME = 3;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

const NAMED_ENTITY = new Map([
	['&', 'amp'],
	['<', 'lt'],
	['>', 'gt'],
	['"', 'quot'],
	["'", 'apos'],
]);

/** Percent-encoding of a character's UTF-8 bytes, as a form or a URL carries it. */
function percentEncoded(character: string): string {
	const encoded = encodeURIComponent(character);
	if (encoded !== character) return encoded;
	return `%${character.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

/**
 * Every way one character of the login may appear in an echo of the request: as itself,
 * percent-encoded (once or twice), `+` for a space, as an XML or HTML entity (named or numeric,
 * escaped once or twice), or escaped in JSON. A regular expression of these per character finds the
 * login in any mixture of encodings, as pages that escape only some characters produce.
 */
function characterPattern(character: string): string {
	const code = character.codePointAt(0) ?? 0;
	const pct = percentEncoded(character);
	const forms = new Set<string>([character, pct, pct.replace(/%/g, '%25'), `\\${character}`]);
	if (character === ' ') forms.add('+');
	const named = NAMED_ENTITY.get(character);
	if (named) {
		forms.add(`&${named};`);
		forms.add(`&amp;${named};`);
	}
	if (code <= 0xffff) forms.add(`\\u${code.toString(16).padStart(4, '0')}`);
	const alternatives = [...forms].map(escapeRegExp);
	alternatives.push(`&(?:amp;)?#0*${code};`, `&(?:amp;)?#x0*${code.toString(16)};`);
	return `(?:${alternatives.join('|')})`;
}

function secretPattern(secret: string): RegExp {
	return new RegExp(Array.from(secret).map(characterPattern).join(''), 'gi');
}

/**
 * Removes the login (the password always, the user name when it has at least three characters)
 * from text that came from the gateway or the network layer, in every form an echo of the request
 * may hold it: raw, form-encoded, URL-encoded, XML- or HTML-escaped, JSON-escaped.
 */
export class LoginScrubber {
	private readonly patterns: RegExp[];

	constructor(private readonly login: GatewayLogin) {
		const secrets = [
			login.password,
			login.username.trim().length >= MIN_USERNAME ? login.username : '',
		].filter((secret) => secret !== '');
		// Longer secrets first, so that a user name inside the password does not leave the rest behind.
		this.patterns = secrets.sort((a, b) => b.length - a.length).map(secretPattern);
	}

	/** The text without any form of the login. */
	scrub(text: string): string {
		return this.patterns.reduce((current, pattern) => current.replace(pattern, HIDDEN), text);
	}

	/**
	 * A value from a gateway answer without the login; a value that is exactly the user name (a
	 * user list's `UserName`) is the answer's content, not an echo, and stays.
	 */
	scrubValue(value: string): string {
		return this.login.username !== '' && value.trim() === this.login.username
			? value
			: this.scrub(value);
	}
}
