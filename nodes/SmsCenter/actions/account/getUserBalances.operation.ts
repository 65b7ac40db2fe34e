import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { forOperation } from '../../helpers/displayOptions';
import { readUserBalances } from '../../transport/answers';
import { gatewayAnswerError } from '../../transport/errors';
import { eachItem } from '../common/itemResults';
import { gatewayCaller } from '../common/settings';

const properties: INodeProperties[] = [
	{
		displayName: 'Users',
		name: 'mode',
		type: 'options',
		options: [
			{ name: 'All Users of the Company', value: 'AllUsers' },
			{ name: 'This User', value: 'ThisUser' },
		],
		default: 'ThisUser',
		description: 'Whose prepaid balance to read',
	},
];

export const description = forOperation('account', 'getUserBalances', properties);

/** One output item per user. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const caller = items.length > 0 ? await gatewayCaller(this) : undefined;
	return await eachItem(this, items, async (itemIndex) => {
		const mode = this.getNodeParameter('mode', itemIndex, 'ThisUser') as string;
		const answer = readUserBalances(await (caller as NonNullable<typeof caller>).asmx('CheckUsersPrePaid', [['Mode', mode]], itemIndex));
		if (answer.result !== 'OK') throw gatewayAnswerError(this.getNode(), answer.result, itemIndex, 'Reading the users\' prepaid balances failed');
		return answer.users.map((user) => ({
			userName: user.userName,
			sms: user.sms,
			userWorkingInPrepaidMode: user.prepaidMode,
			companyWorkingInUserPrepaidMode: answer.companyWorkingInUserPrepaidMode,
		}));
	});
}
