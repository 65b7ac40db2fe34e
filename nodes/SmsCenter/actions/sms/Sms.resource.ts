import type { INodeProperties } from 'n8n-workflow';
import * as send from './send.operation';
import * as estimate from './estimate.operation';
import * as sendSimple from './sendSimple.operation';

export { send, estimate, sendSimple };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sms'] } },
		options: [
			{
				name: 'Estimate',
				value: 'estimate',
				description: 'Count encoding, segments and recipients, and compare with the prepaid balance, without sending',
				action: 'Estimate an SMS',
			},
			{
				name: 'Send',
				value: 'send',
				description: 'Send an SMS to one or many recipients through the SMSCenter web service',
				action: 'Send an SMS',
			},
			{
				name: 'Send via Simple URL API',
				value: 'sendSimple',
				description: 'Send an SMS to one recipient through pushsms.aspx',
				action: 'Send an SMS via the simple URL API',
			},
		],
		default: 'send',
	},
	...send.description,
	...estimate.description,
	...sendSimple.description,
];
