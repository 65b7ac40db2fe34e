import { addLoginForOwnOrigin, type LoginTarget } from '../../nodes/shared/transport/login';
import { judgeLoginAnswer } from '../../nodes/shared/transport/loginCheck';

const LOGIN = { username: 'demo', password: 'p&ss w<rd>' };
const BASE = 'https://sms.example.co.il';
const add = (request: LoginTarget, base = BASE) =>
	addLoginForOwnOrigin(request, base, false, LOGIN);

describe('the credential adds the login only for its own base URL', () => {
	it("sends this package's own paths to the base URL, login first in the form, redirects off", () => {
		expect(
			add(
				{
					method: 'POST',
					url: '/Web/WebServices/CheckPrePaid.asmx/CheckUsersPrePaid',
					headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
					body: 'Mode=AllUsers',
				},
				`${BASE}/onprem/`,
			),
		).toEqual({
			method: 'POST',
			url: '/Web/WebServices/CheckPrePaid.asmx/CheckUsersPrePaid',
			baseURL: `${BASE}/onprem`,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: 'UserName=demo&Password=p%26ss+w%3Crd%3E&Mode=AllUsers',
			disableFollowRedirect: true,
			followRedirect: false,
			followAllRedirects: false,
		});
	});

	it('puts the login into the query string of a GET', () => {
		expect(add({ method: 'GET', url: '/Web/pushsms.aspx', qs: { Sender: 'Shop' } }).qs).toEqual({
			UserName: 'demo',
			Password: 'p&ss w<rd>',
			Sender: 'Shop',
		});
	});

	it("takes the HTTP Request node's shapes: an absolute uri with a form object, a raw SOAP body with prefixes", () => {
		const form = add({
			method: 'POST',
			uri: `${BASE}/Web/WebServices/SendMessage.asmx/SendMessagesV2`,
			form: { Message: 'Hi' },
		});
		expect(form.form).toEqual({ UserName: 'demo', Password: 'p&ss w<rd>', Message: 'Hi' });
		const soap = add({
			method: 'POST',
			uri: `${BASE}/Web/WebServices/CheckPrePaid.asmx`,
			headers: { 'content-type': 'text/xml' },
			body: '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>\n  <w:CheckCompanyPrePaid xmlns:w="http://www.smscenter.co.il/Web/WebServices/"></w:CheckCompanyPrePaid></s:Body></s:Envelope>',
		});
		expect(soap.body).toContain(
			'<w:CheckCompanyPrePaid xmlns:w="http://www.smscenter.co.il/Web/WebServices/"><w:UserName>demo</w:UserName><w:Password>p&amp;ss w&lt;rd&gt;</w:Password></w:CheckCompanyPrePaid>',
		);
	});

	it.each([
		['another host', 'https://attacker.example/Web/pushsms.aspx'],
		['another port', 'https://sms.example.co.il:8443/Web/pushsms.aspx'],
		['another scheme', 'http://sms.example.co.il/Web/pushsms.aspx'],
		['a look-alike host', 'https://sms.example.co.il.attacker.example/Web/pushsms.aspx'],
		['user info before the host', 'https://sms.example.co.il@attacker.example/Web/pushsms.aspx'],
	])('leaves a request for %s untouched', (_what, uri) => {
		const request = { method: 'POST', uri, form: { Message: 'Hi' } };
		expect(add(request)).toBe(request);
		const modern = { method: 'GET', url: uri };
		expect(add(modern)).toBe(modern);
		const based = { method: 'GET', baseURL: new URL(uri).origin, url: '/Web/pushsms.aspx' };
		expect(add(based)).toBe(based);
	});

	it('refuses a request for the base URL where SMSCenter reads no login', () => {
		expect(() =>
			add({
				method: 'POST',
				uri: `${BASE}/api`,
				headers: { 'Content-Type': 'application/json' },
				body: { a: 1 },
			}),
		).toThrow(
			'The SMSCenter credential puts the login into a form body, a SOAP envelope or the query string of a GET request; this POST request has none of these (Content-Type application/json)',
		);
	});
});

describe('the login check reads the answer, not just the HTTP status', () => {
	const answer = (result: string) => ({
		statusCode: 200,
		body: `<?xml version="1.0"?><CheckPrePaidResult xmlns="http://www.smscenter.co.il/Web/WebServices/"><Result>${result}</Result></CheckPrePaidResult>`,
	});

	it.each([
		'OK',
		'UserIsNotAdministrator',
		'CompanyIsNotPrePaid',
		'CompanyIsNotAllowedToPushAnymoreMessages',
		'SomethingNew',
	])('lets %s pass', (code) => {
		expect(judgeLoginAnswer(answer(code), 'httpPost', LOGIN)).toEqual({ works: true, code });
	});

	it.each([
		'InvalidUserNameOrPassword',
		'InvalidIPAddress',
		'CompanyIsDisabled',
		'UserIsDisabledOrDeleted',
	])('fails %s', (code) => {
		const verdict = judgeLoginAnswer(answer(code), 'httpPost', LOGIN);
		expect(verdict).toMatchObject({ works: false });
		expect(verdict.works === false && verdict.message).toMatch(
			new RegExp(`^SMSCenter refused the login: ${code}\\. `),
		);
	});

	it('names the protocol when the HTTP POST form is off, and keeps the password out of what the server echoed', () => {
		const verdict = judgeLoginAnswer(
			{
				statusCode: 500,
				body: `System.InvalidOperationException: Request format is unrecognized for URL unexpectedly ending in '/CheckCompanyPrePaid'. Password=p%26ss+w%3Crd%3E`,
			},
			'httpPost',
			LOGIN,
		);
		expect(verdict.works === false && verdict.message).toContain(
			'choose SOAP 1.1 as the Web Service Protocol',
		);
		expect(verdict.works === false && verdict.message).toContain('Password=***');
	});
});
