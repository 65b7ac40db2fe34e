import type { INodeProperties } from 'n8n-workflow';
import * as getCompanyBalance from './getCompanyBalance.operation';
import * as getUserBalances from './getUserBalances.operation';

export { getCompanyBalance, getUserBalances };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Get Company Balance',
				value: 'getCompanyBalance',
				description: "Get the company's prepaid SMS, IVR seconds and MMS balance",
				action: 'Get the company balance',
			},
			{
				name: 'Get User Balances',
				value: 'getUserBalances',
				description: 'Get the prepaid SMS balance of this user or of every user of the company',
				action: 'Get user balances',
			},
		],
		default: 'getCompanyBalance',
	},
	...getCompanyBalance.description,
	...getUserBalances.description,
];
