import type { IExecuteFunctions } from 'n8n-workflow';
import type { GatewayCaller } from '../../transport/request';
import { readCompanyBalance, type CompanyBalance } from '../../transport/answers';
import { gatewayAnswerError } from '../../transport/errors';

/** The company's prepaid balance; an answer other than OK is an error. */
export async function companyBalance(ctx: IExecuteFunctions, caller: GatewayCaller, itemIndex: number): Promise<CompanyBalance> {
	const balance = readCompanyBalance(await caller.asmx('CheckCompanyPrePaid', [], itemIndex));
	if (balance.result !== 'OK') throw gatewayAnswerError(ctx.getNode(), balance.result, itemIndex, 'Reading the company prepaid balance failed');
	return balance;
}
