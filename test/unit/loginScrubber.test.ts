import { HIDDEN, LoginScrubber } from '../../nodes/shared/transport/loginScrubber';

const PASSWORD = `p&<>"'%+ =1`;
const scrubber = new LoginScrubber({ username: 'operator', password: PASSWORD });

describe('removing the login from gateway text', () => {
	it.each([
		['raw', PASSWORD],
		['form-encoded', new URLSearchParams([['p', PASSWORD]]).toString().slice(2)],
		['URL-encoded', encodeURIComponent(PASSWORD)],
		['URL-encoded, lower-case hex', encodeURIComponent(PASSWORD).toLowerCase()],
		['XML-escaped', 'p&amp;&lt;&gt;&quot;&apos;%+ =1'],
		['HTML-escaped with numeric entities', 'p&#38;&#60;&#x3e;&#34;&#39;%+&#32;=1'],
		['escaped only in part', 'p&amp;&lt;>"\'%+ =1'],
		['escaped twice', 'p&amp;amp;&amp;lt;&amp;gt;&amp;quot;&amp;apos;%+ =1'],
		['URL-encoded twice', encodeURIComponent(encodeURIComponent(PASSWORD))],
		['JSON-escaped', JSON.stringify(PASSWORD).slice(1, -1)],
	])('the password %s', (_form, echoed) => {
		expect(scrubber.scrub(`before ${echoed} after`)).toBe(`before ${HIDDEN} after`);
	});

	it('removes the user name in the same forms, and keeps a field that is exactly the user name', () => {
		expect(scrubber.scrub('UserName=operator&x=%6Fperator')).toBe(`UserName=${HIDDEN}&x=${HIDDEN}`);
		expect(scrubber.scrubValue('operator')).toBe('operator');
		expect(scrubber.scrubValue('user operator locked')).toBe(`user ${HIDDEN} locked`);
	});

	it('leaves a short user name alone, and text without the login as it was', () => {
		const short = new LoginScrubber({ username: 'ab', password: 'secret-1' });
		expect(short.scrub('about ab: secret-1')).toBe(`about ab: ${HIDDEN}`);
		expect(scrubber.scrub('InvalidUserNameOrPassword')).toBe('InvalidUserNameOrPassword');
	});
});
