import { useSandbox } from '../../harness/sandbox';
import type { IDataObject, NodeParameterValueType } from 'n8n-workflow';
import { runSmsCenter } from '../../harness/executeWorkflow';
import { MINIMAL } from '../fixtures';

/**
 * Reading 7 of the API document: rules the document does not state. Under the standard profile
 * (the most lenient reading: any sender, any length) the node refuses only what certainly cannot be
 * sent, and warns about the rest with an execution hint, leaving the last word to SMSCenter.
 */
const send = (overrides: Record<string, NodeParameterValueType>, items: IDataObject[] = [{}]) => ({
	parameters: {
		...MINIMAL.smsSend,
		...overrides,
	},
	items,
});

describe('local rules the API document does not state (standard sandbox profile)', () => {
	const sandbox = useSandbox();

	it('a sender with punctuation goes to SMSCenter, with a warning naming the items', async () => {
		const { parameters, items } = send({ senderName: '={{ $json.sender }}' }, [
			{ sender: 'Dr.Cohen' },
			{ sender: 'MyShop' },
			{ sender: 'Dr.Cohen' },
		]);
		const result = await runSmsCenter(sandbox.url, parameters, items);
		expect(result.error()).toBeUndefined();
		expect(result.output().map((item) => item.json.status)).toEqual(['OK', 'OK', 'OK']);
		expect(sandbox.messages().map((m) => m.sender)).toEqual(['Dr.Cohen', 'MyShop']);
		expect(result.hints()).toEqual([
			{
				type: 'warning',
				location: 'outputPane',
				message:
					'Item(s) 1, 3: Sender Name "Dr.Cohen" has characters other than English letters, digits and spaces; operators commonly accept only those, so SMSCenter may refuse it or the operator may change it.',
			},
		]);
	});

	it('a message of more than 10 segments goes to SMSCenter, with a warning', async () => {
		const { parameters } = send({ message: 'x'.repeat(153 * 12) });
		const result = await runSmsCenter(sandbox.url, parameters);
		expect(result.output()[0].json).toMatchObject({
			status: 'OK',
			segmentsPerRecipient: 12,
			messageOption: 'Concatenated',
		});
		expect(sandbox.messages()[0].segments).toBe(12);
		expect(result.hints().map((hint) => hint.message)).toEqual([
			'Item(s) 1: the message needs 12 SMS segments (GSM-7). The API document states no limit, but operators commonly cut messages of more than 10 parts; each segment is billed.',
		]);
	});

	it.each([
		[
			'a Hebrew sender name',
			{ senderName: 'חנות' },
			'Item 1: Sender Name: "חנות" has characters outside the GSM 7-bit alphabet, which an SMS sender name cannot carry (3GPP TS 23.038 and 23.040); use English letters, digits and spaces',
		],
		[
			'a sender name of 12 characters',
			{ senderName: 'TwelveLetter' },
			'Item 1: Sender Name: "TwelveLetter" has 12 characters; a sender name carries at most 11 (3GPP TS 23.040)',
		],
		[
			'a numeric sender of 16 digits',
			{ senderName: '1234567890123456' },
			'Item 1: Sender Name: "1234567890123456" has 16 digits; a numeric sender has at most 15 (ITU-T E.164)',
		],
		[
			'a message longer than 255 parts can carry',
			{ message: 'x'.repeat(153 * 256) },
			'Item 1: Message: the text has 39168 characters; an SMS has at most 255 parts (3GPP TS 23.040), at most 39015 characters',
		],
		[
			'a Hebrew message of 256 parts',
			{ message: 'א'.repeat(67 * 256) },
			'Item 1: Message: the text needs 256 SMS segments (17152 UCS-2 characters); an SMS has at most 255 parts (3GPP TS 23.040)',
		],
	])(
		'still refuses %s, which certainly cannot be sent, and sends nothing',
		async (_what, overrides, message) => {
			const result = await runSmsCenter(sandbox.url, send(overrides).parameters);
			expect(result.error()?.message).toBe(message);
			expect(sandbox.requests).toHaveLength(0);
		},
	);
});
