import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { forOperation } from '../../helpers/displayOptions';
import { readUserBalances } from '../../transport/answers';
import { readOption } from '../common/parameterValues';
import type { OperationRun } from '../node.type';
import { requireBalance } from './balance';

const USER_MODES = ['AllUsers', 'ThisUser'] as const;

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
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: OperationRun,
): Promise<IDataObject[]> {
	const mode = readOption(
		this,
		itemIndex,
		'Users',
		this.getNodeParameter('mode', itemIndex, 'ThisUser'),
		USER_MODES,
		'ThisUser',
	);
	const answer = await run.caller.asmx(
		'CheckUsersPrePaid',
		[['Mode', mode]],
		itemIndex,
		readUserBalances,
	);
	requireBalance(
		this,
		'CheckUsersPrePaid',
		answer.result,
		itemIndex,
		"Reading the users' prepaid balances failed",
	);
	return answer.users.map((user) => ({
		userName: user.userName,
		sms: user.sms,
		userWorkingInPrepaidMode: user.prepaidMode,
		...(user.prepaidModeRaw === undefined
			? {}
			: { userWorkingInPrepaidModeRaw: user.prepaidModeRaw }),
		companyWorkingInUserPrepaidMode: answer.companyWorkingInUserPrepaidMode,
	}));
}
