import { request } from 'undici';
import { useSandbox } from '../harness/sandbox';
import { get, postForm, postSoap, smsForm } from './client';

const NS = 'http://www.smscenter.co.il/';
const V2 = '/Web/WebServices/SendMessage.asmx/SendMessagesV2';

const fields = smsForm();

const recase = (source: Record<string, string>, change: (name: string) => string) =>
	Object.fromEntries(Object.entries(source).map(([k, v]) => [change(k), v]));
const lowerCased = recase(fields, (name) => name.toLowerCase());
const upperCased = recase(fields, (name) => name.toUpperCase());

describe('parameters read as ASP.NET reads them', () => {
	const sandbox = useSandbox();

	it('HttpPost form fields in any letter case', async () => {
		const lower = await postForm(sandbox.url, V2, lowerCased);
		expect(lower.body).toContain('>OK</SendMessageReturnValues>');
		const upper = await postForm(sandbox.url, V2, upperCased);
		expect(upper.body).toContain('>OK</SendMessageReturnValues>');
		expect(sandbox.messages()).toHaveLength(2);
	});

	it('HttpGet query fields in any letter case', async () => {
		const response = await get(sandbox.url, V2, lowerCased);
		expect(response.body).toContain('>OK</SendMessageReturnValues>');
		expect(sandbox.calls()[0].protocol).toBe('get');
	});

	it('a field sent twice reads as its values joined by a comma', async () => {
		const body = `${new URLSearchParams(fields).toString()}&sendtophonenumbers=0541234561`;
		const response = await request(`${sandbox.url}${V2}`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body,
		});
		expect(await response.body.text()).toContain('>OK<');
		expect(sandbox.messages()[0].recipients.map((r) => r.msisdn)).toEqual([
			'972541234560',
			'972541234561',
		]);
	});

	it("a missing field is named in the document's spelling whatever the case of the others", async () => {
		const { price: _price, ...rest } = lowerCased;
		const response = await postForm(sandbox.url, V2, rest);
		expect(response.status).toBe(500);
		expect(response.body).toBe('System.InvalidOperationException: Missing parameter: Price.');
	});

	it('SOAP parameter elements are matched exactly, as XmlSerializer does: another case reads as missing', async () => {
		const exact = await postSoap(
			sandbox.url,
			'/Web/WebServices/SendMessage.asmx',
			NS,
			'SendMessagesV2',
			fields,
		);
		expect(exact.body).toContain('<SendMessagesV2Result>OK</SendMessagesV2Result>');
		const lower = await postSoap(
			sandbox.url,
			'/Web/WebServices/SendMessage.asmx',
			NS,
			'SendMessagesV2',
			lowerCased,
		);
		expect(lower.body).toContain(
			'<SendMessagesV2Result>InvalidUserNameOrPassword</SendMessagesV2Result>',
		);
	});

	it('pushsms.aspx fields in any letter case', async () => {
		const response = await get(sandbox.url, '/Web/pushsms.aspx', {
			username: 'demo',
			PASSWORD: 'demo-api-key',
			sender: 'Shop',
			tophonenumber: '0541234560',
			MESSAGE: 'Hi',
		});
		expect(response.body).toBe('OK');
	});

	it('pushsms.aspx with ENC=1 (an ActiveX-encrypted login the sandbox cannot decrypt) is a wrong login', async () => {
		const response = await get(sandbox.url, '/Web/pushsms.aspx', {
			UserName: 'demo',
			Password: 'demo-api-key',
			Sender: 'Shop',
			ToPhoneNumber: '0541234560',
			Message: 'Hi',
			ENC: '1',
		});
		expect(response.body).toBe('Invalid Username or Password.');
		expect(sandbox.messages()).toHaveLength(0);
	});
});
