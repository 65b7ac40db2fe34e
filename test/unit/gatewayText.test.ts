import {
	answerExcerpt,
	firstMeaningfulLine,
	textOfMarkup,
} from '../../nodes/shared/transport/gatewayText';
import { readPushSmsAnswer, readSendCode } from '../../nodes/SmsCenter/transport/answers';
import { LOGIN_PAGE } from '../../sandbox/faults';

describe('text from an answer, for an error message', () => {
	it('drops markup, comments, scripts and styles, one line per block', () => {
		const text = textOfMarkup(
			'<html><head><title>Runtime Error</title><style>p{color:red}</style></head><body><!-- x --><h1>Server &amp; Error</h1><script>var a = "<p>";</script></body></html>',
		);
		expect(
			text
				.split('\n')
				.map((line) => line.trim())
				.filter((line) => line !== ''),
		).toEqual(['Runtime Error', 'Server & Error']);
	});

	it('keeps the first line that says something, capped', () => {
		expect(firstMeaningfulLine('\n  \n -- \n  Server   Error in "/"  \nsecond')).toBe(
			'Server Error in "/"',
		);
		expect(firstMeaningfulLine('x'.repeat(500), 10)).toBe(`${'x'.repeat(10)}…`);
	});

	it('shows a 50 KB login page as its title only', () => {
		expect(answerExcerpt(LOGIN_PAGE)).toBe('Sign in');
	});

	it('decodes entities, numeric ones too, and survives unterminated markup', () => {
		expect(answerExcerpt('a &#60;b&#x3E; &quot;c&quot;')).toBe('a <b> "c"');
		expect(answerExcerpt('before <script>never closed')).toBe('before');
		expect(answerExcerpt('text <!-- never closed')).toBe('text');
		expect(answerExcerpt(`${'<script>'.repeat(20_000)}`)).toBe('');
	});
});

describe('answers that count', () => {
	it('pushsms.aspx: exactly OK or a documented refusal', () => {
		expect(readPushSmsAnswer(' OK\r\n')).toBe('OK');
		expect(readPushSmsAnswer('Invalid Username or Password.')).toBe(
			'Invalid Username or Password.',
		);
		expect(() => readPushSmsAnswer('OK-Gateway: busy')).toThrow(
			'the answer is none of the answers pushsms.aspx documents',
		);
		expect(() => readPushSmsAnswer('constructor')).toThrow(
			'the answer is none of the answers pushsms.aspx documents',
		);
	});

	it('SendMessagesV2: a code as text, not an element with children', () => {
		expect(readSendCode(' OK ')).toBe('OK');
		expect(() => readSendCode({ Code: 'OK' })).toThrow('the answer is not a result code');
	});
});
