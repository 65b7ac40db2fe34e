import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { isValidTimeZone } from '../../../shared/dates';
import { israeliHolidays } from '../../../shared/israelHolidays';
import {
	DEFAULT_WINDOW_HOURS,
	DEFAULT_WINDOW_TIME_ZONE,
	localTimeText,
	parseWindowHours,
	scheduleInWindow,
	type HolidayLookup,
	type OpenRange,
	type SendWindow,
	type WindowSchedule,
} from '../../../shared/sendWindow';
import { DEFAULT_EXPIRATION_MINUTES } from './fields';
import { inputError } from './itemErrors';
import { nothingSent } from '../../transport/errors';
import type { GatewayParams } from '../../../shared/transport/requestBuilder';
import { readFlag, readText } from './parameterValues';

/** The furthest SMSCenter is asked to wait: a year, in minutes. */
const MAX_MINUTES = 525_600;

/** The Send Window options of SMS and voice-call sends (and Estimate, which shows when a send would go). */
export function sendWindowOptions(kind: 'sms' | 'voice'): INodeProperties[] {
	const what = kind === 'sms' ? 'message' : 'call';
	const show = { displayOptions: { show: { sendWindow: [true] } } };
	return [
		{
			displayName: 'Send Window',
			name: 'sendWindow',
			type: 'boolean',
			default: false,
			description: `Whether to keep to days and hours (quiet hours): a ${what} that would go out outside them is scheduled by SMSCenter itself (Delivery Delay) to the next opening; nothing waits in n8n. With a Delay or Send At, the time it would go out is checked and moved to the next opening when outside the window.`,
		},
		{
			displayName: 'Window Hours',
			name: 'windowHours',
			type: 'string',
			default: DEFAULT_WINDOW_HOURS,
			placeholder: DEFAULT_WINDOW_HOURS,
			...show,
			description:
				'Days and hours when sends may go out, separated by semicolons: a day or a range of days (Sun, Mon, Tue, Wed, Thu, Fri, Sat) and HH:MM-HH:MM (24:00 is midnight). Days not named are closed, so the default sends nothing on Saturday.',
		},
		{
			displayName: 'Window Time Zone',
			name: 'windowTimeZone',
			type: 'string',
			default: DEFAULT_WINDOW_TIME_ZONE,
			placeholder: DEFAULT_WINDOW_TIME_ZONE,
			...show,
			description:
				'The IANA time zone of the Window Hours, for example Asia/Jerusalem; daylight-saving changes are followed',
		},
		{
			displayName: 'Skip Israeli Holidays',
			name: 'windowSkipHolidays',
			type: 'boolean',
			default: true,
			...show,
			description:
				"Whether to send nothing on Israel's public holidays (Rosh Hashanah, Yom Kippur, Sukkot, Simchat Torah, Passover, Independence Day, Shavuot), from 18:00 on the eve to the end of the day",
		},
	];
}

/** An item's window as read from its options, before holidays are loaded. */
export interface WindowSetting {
	ranges: OpenRange[];
	timeZone: string;
	skipHolidays: boolean;
	/** The same for items with the same window: part of the batch key. */
	key: string;
}

/** The item's Send Window, or undefined when it has none; every field checked. */
export function readWindowSetting(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: IDataObject,
): WindowSetting | undefined {
	if (!readFlag(ctx, itemIndex, 'Send Window', options.sendWindow, false)) return undefined;
	const hours = readText(ctx, itemIndex, 'Window Hours', options.windowHours, DEFAULT_WINDOW_HOURS);
	const parsed = parseWindowHours(hours.trim() === '' ? DEFAULT_WINDOW_HOURS : hours);
	if ('problem' in parsed) throw inputError(ctx, itemIndex, 'Window Hours', parsed.problem);
	const zoneText = readText(
		ctx,
		itemIndex,
		'Window Time Zone',
		options.windowTimeZone,
		DEFAULT_WINDOW_TIME_ZONE,
	).trim();
	const timeZone = zoneText === '' ? DEFAULT_WINDOW_TIME_ZONE : zoneText;
	if (timeZone.length > 64 || !isValidTimeZone(timeZone))
		throw inputError(
			ctx,
			itemIndex,
			'Window Time Zone',
			`"${timeZone.slice(0, 64)}" is not a time zone; give an IANA name such as Asia/Jerusalem`,
		);
	const skipHolidays = readFlag(
		ctx,
		itemIndex,
		'Skip Israeli Holidays',
		options.windowSkipHolidays,
		true,
	);
	return {
		ranges: parsed.ranges,
		timeZone,
		skipHolidays,
		key: JSON.stringify([parsed.ranges, timeZone, skipHolidays]),
	};
}

/** Loads the holidays once per run, when a window asks for them. */
export class RunWindows {
	private holidays: Promise<HolidayLookup> | undefined;

	async resolve(setting: WindowSetting): Promise<SendWindow> {
		if (!setting.skipHolidays) return { ranges: setting.ranges, timeZone: setting.timeZone };
		this.holidays ??= israeliHolidays();
		return { ranges: setting.ranges, timeZone: setting.timeZone, holidays: await this.holidays };
	}
}

/** What a send under a window needs at the moment its request goes: the window and what the user asked for. */
export interface WindowedTiming {
	window: SendWindow;
	/** The instant the user meant the send to go out (now, or after their Delay or at their Send At). */
	earliestAt: number;
	/** The user's own delay in minutes, from when the item was read. */
	delayMinutes: number;
	/** The expiration the user entered, or undefined for the default (the delay plus a day). */
	expirationMinutes: number | undefined;
}

/** The delay and expiration a request carries when it goes now, under its window. */
export function windowTiming(
	ctx: IExecuteFunctions,
	itemIndex: number,
	timing: WindowedTiming,
	now: number,
): { schedule: WindowSchedule; delayMinutes: number; expirationMinutes: number } {
	const schedule = scheduleInWindow(timing.window, now, timing.earliestAt);
	if (!schedule)
		throw inputError(
			ctx,
			itemIndex,
			'Window Hours',
			'the window does not open within the next 400 days',
		);
	if (schedule.delayMinutes > MAX_MINUTES)
		throw inputError(
			ctx,
			itemIndex,
			'Send Window',
			`the next opening, ${new Date(schedule.sendsAt).toISOString()}, is more than a year ahead`,
		);
	// An entered expiration is kept as long after the intended send time as the user gave; 0 stays 0.
	const shift = Math.max(0, schedule.delayMinutes - timing.delayMinutes);
	const expirationMinutes =
		timing.expirationMinutes === undefined
			? schedule.delayMinutes + DEFAULT_EXPIRATION_MINUTES
			: timing.expirationMinutes === 0
				? 0
				: timing.expirationMinutes + shift;
	return { schedule, delayMinutes: schedule.delayMinutes, expirationMinutes };
}

/** What an output item says about its send under a window. */
export function windowOutput(schedule: WindowSchedule, timeZone: string): IDataObject {
	return {
		sendsAt: new Date(schedule.sendsAt).toISOString(),
		sendsAtLocal: localTimeText(schedule.sendsAt, timeZone),
		delayMinutes: schedule.delayMinutes,
		heldBySendWindow: schedule.held,
		...(schedule.reason ? { heldReason: schedule.reason } : {}),
	};
}

/**
 * A send request's parameters as it goes now under its window: the delay (and an expiration derived
 * from it) worked out at this moment, so a request that waited (for the rate limit, or behind
 * others) still goes out inside the window. A window that cannot be kept fails before anything is sent.
 */
export function paramsUnderWindow(
	ctx: IExecuteFunctions,
	itemIndex: number,
	params: GatewayParams,
	timing: WindowedTiming,
	now: number,
): { params: GatewayParams; schedule: WindowSchedule } {
	let timed;
	try {
		timed = windowTiming(ctx, itemIndex, timing, now);
	} catch (error) {
		throw nothingSent(error as Error);
	}
	return {
		schedule: timed.schedule,
		params: params.map(([name, value]): [string, string] =>
			name === 'DeliveryDelayInMinutes'
				? [name, String(timed.delayMinutes)]
				: name === 'ExpirationDelayInMinutes'
					? [name, String(timed.expirationMinutes)]
					: [name, value],
		),
	};
}
