import { request } from 'undici';
import type { INodePropertyOptions, INodeType } from 'n8n-workflow';
import { loadBuilt } from '../harness/packageTypes';
import { useTriggers } from './notifications';

const SECRET = 'Hs5nB8vC2xZ6lK9jG3fD7aQ1';

describe('delivery statuses in the trigger', () => {
	const startTrigger = useTriggers();

	it('the Statuses chips read as a person reads them', () => {
		const description = loadBuilt<INodeType>(
			'nodes/SmsCenterTrigger/SmsCenterTrigger.node.js',
			'SmsCenterTrigger',
		).description;
		const statuses = description.properties.find((property) => property.name === 'statuses')!;
		expect(
			(statuses.options as INodePropertyOptions[]).map((option) => [option.name, option.value]),
		).toEqual([
			['200 Failed', '200'],
			['300 Accepted', '300'],
			['400 Rejected', '400'],
			['500 Buffered', '500'],
			['600 Delivered', '600'],
			['700 Undelivered', '700'],
		]);
	});

	it("the item keeps the gateway's code and name", async () => {
		const trigger = await startTrigger({}, { credentialSecret: SECRET });
		const fields = {
			key: SECRET,
			MsgID: '1000002',
			MSISDN: '972541234567',
			StatusCode: '700',
			StatusDes: 'Undeliver',
			ReasonCode: '703',
			Date: '25112026093000',
		};
		const response = await request(
			`${trigger.productionUrl}?${new URLSearchParams(fields).toString()}`,
		);
		expect(await response.body.text()).toBe('_OK_');
		expect(trigger.executions[0][0].json.status).toEqual(
			expect.objectContaining({
				code: 700,
				name: 'Undeliver',
				gatewayText: 'Undeliver',
				final: true,
				delivered: false,
			}),
		);
	});
});
