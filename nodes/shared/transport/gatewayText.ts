/**
 * Text from the gateway or from whatever answered in its place (a proxy, an error page, a login
 * page), made fit for an error message: no markup, CSS or script, the first line that says
 * something, a few hundred characters at most. The scan is linear, so a hostile answer of any
 * size costs no more than reading it once.
 */

/** How much of an answer is looked at for its first meaningful line. */
export const ANSWER_SCANNED = 100_000;
export const EXCERPT_LIMIT = 300;

/** Elements that end a line of text. */
const BLOCK_ELEMENTS = new Set([
	'br',
	'p',
	'div',
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
	'li',
	'tr',
	'title',
	'pre',
	'table',
	'body',
	'head',
	'html',
	'faultstring',
	'faultcode',
]);
/** Elements whose content is never text for people. */
const HIDDEN_ELEMENTS = new Set(['script', 'style']);

const NAMED_ENTITIES = new Map([
	['lt', '<'],
	['gt', '>'],
	['amp', '&'],
	['quot', '"'],
	['apos', "'"],
	['nbsp', ' '],
]);

function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (whole, entity: string) => {
		if (entity.startsWith('#')) {
			const code =
				entity[1] === 'x' || entity[1] === 'X'
					? parseInt(entity.slice(2), 16)
					: parseInt(entity.slice(1), 10);
			return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
		}
		return NAMED_ENTITIES.get(entity.toLowerCase()) ?? whole;
	});
}

/** The text of an HTML or XML document, one line per block element; comments, scripts and styles dropped. */
export function textOfMarkup(markup: string): string {
	const lower = markup.toLowerCase();
	let out = '';
	let at = 0;
	while (at < markup.length) {
		const open = markup.indexOf('<', at);
		if (open < 0) {
			out += markup.slice(at);
			break;
		}
		out += markup.slice(at, open);
		if (lower.startsWith('<!--', open)) {
			const end = lower.indexOf('-->', open + 4);
			at = end < 0 ? markup.length : end + 3;
			out += ' ';
			continue;
		}
		const close = markup.indexOf('>', open);
		if (close < 0) break;
		const name = /^<\/?([a-z][a-z0-9:-]*)/
			.exec(lower.slice(open, open + 40))?.[1]
			?.replace(/^.*:/, '');
		if (name !== undefined && HIDDEN_ELEMENTS.has(name) && lower[open + 1] !== '/') {
			const end = lower.indexOf(`</${name}`, close);
			const endClose = end < 0 ? -1 : lower.indexOf('>', end);
			at = endClose < 0 ? markup.length : endClose + 1;
			out += '\n';
			continue;
		}
		out += name !== undefined && BLOCK_ELEMENTS.has(name) ? '\n' : ' ';
		at = close + 1;
	}
	return decodeEntities(out);
}

/** The first line with a letter or digit in it, spaces collapsed, cut at `limit` characters. */
export function firstMeaningfulLine(text: string, limit = EXCERPT_LIMIT): string {
	for (const raw of text.split(/[\r\n]+/)) {
		const line = raw.replace(/\s+/g, ' ').trim();
		if (!/[\p{L}\p{N}]/u.test(line)) continue;
		return line.length > limit ? `${line.slice(0, limit)}…` : line;
	}
	return '';
}

/** What a person may be shown of an answer: its first meaningful line of text, capped. */
export function answerExcerpt(body: string, limit = EXCERPT_LIMIT): string {
	return firstMeaningfulLine(textOfMarkup(body.slice(0, ANSWER_SCANNED)), limit);
}
