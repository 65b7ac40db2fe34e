import { wallClockToDate } from './dates';

/**
 * Send windows (quiet hours): the days and hours at which messages may go out, in a time zone, and
 * optionally not on holidays. Pure: the clock and the holidays are given.
 */

export const DEFAULT_WINDOW_HOURS = 'Sun-Thu 08:00-20:00; Fri 08:00-14:00';
export const DEFAULT_WINDOW_TIME_ZONE = 'Asia/Jerusalem';

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const LONG_DAY_NAMES = [
	'sunday',
	'monday',
	'tuesday',
	'wednesday',
	'thursday',
	'friday',
	'saturday',
];

/** An opening on one day of the week: minutes after local midnight, `to` up to 1440 (24:00). */
export interface OpenRange {
	day: number;
	from: number;
	to: number;
}

/** A time during which nothing goes out (a holiday), as instants in milliseconds; `end` excluded. */
export interface ClosedSpan {
	start: number;
	end: number;
	name: string;
}

/** The closed spans that overlap [from, to). */
export type HolidayLookup = (from: number, to: number) => ClosedSpan[];

export interface SendWindow {
	ranges: OpenRange[];
	timeZone: string;
	holidays?: HolidayLookup;
}

/** When a message goes out under a window: its delay from `now` and the instant it means. */
export interface WindowSchedule {
	delayMinutes: number;
	sendsAt: number;
	/** True when the window moved the send later than it would otherwise go. */
	held: boolean;
	/** Why it was held: "outside the window" or the holiday's name. */
	reason?: string;
}

/** How far ahead an opening is looked for: a window that opens less often than this is refused. */
const SEARCH_DAYS = 400;

function dayIndex(name: string): number | undefined {
	const lower = name.toLowerCase();
	const short = DAY_NAMES.indexOf(lower as (typeof DAY_NAMES)[number]);
	if (short >= 0) return short;
	const long = LONG_DAY_NAMES.indexOf(lower);
	return long >= 0 ? long : undefined;
}

function clockMinutes(text: string, allowEndOfDay: boolean): number | undefined {
	const match = /^(\d{1,2}):(\d{2})$/.exec(text);
	if (!match) return undefined;
	const hours = Number(match[1]);
	const minutes = Number(match[2]);
	if (minutes > 59) return undefined;
	if (hours === 24 && minutes === 0 && allowEndOfDay) return 1440;
	if (hours > 23) return undefined;
	return hours * 60 + minutes;
}

/**
 * Reads window hours such as `Sun-Thu 08:00-20:00; Fri 08:00-14:00`: entries separated by `;`, `,`
 * or new lines, each a day or a range of days (English names, short or long, a range may wrap past
 * Saturday) and a time range; `24:00` ends at midnight. Days without an entry are closed.
 */
export function parseWindowHours(text: string): { ranges: OpenRange[] } | { problem: string } {
	if (text.length > 1000) return { problem: 'the text is longer than 1000 characters' };
	const entries = text
		.split(/[;,\n]/)
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
	if (entries.length === 0) return { problem: 'no day and hours were given' };
	const ranges: OpenRange[] = [];
	for (const entry of entries) {
		const shown = `"${entry.slice(0, 40)}"`;
		const match =
			/^([A-Za-z]+)(?:\s*-\s*([A-Za-z]+))?\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/.exec(entry);
		if (!match)
			return {
				problem: `${shown} is not a day or days and hours, such as "Sun-Thu 08:00-20:00"`,
			};
		const first = dayIndex(match[1]);
		const last = match[2] === undefined ? first : dayIndex(match[2]);
		if (first === undefined || last === undefined)
			return { problem: `${shown}: days are Sun, Mon, Tue, Wed, Thu, Fri, Sat` };
		const from = clockMinutes(match[3], false);
		const to = clockMinutes(match[4], true);
		if (from === undefined || to === undefined)
			return { problem: `${shown}: times are HH:MM from 00:00 to 24:00` };
		if (to <= from) return { problem: `${shown}: the closing time is not after the opening time` };
		for (let day = first; ; day = (day + 1) % 7) {
			ranges.push({ day, from, to });
			if (day === last) break;
		}
	}
	return { ranges };
}

interface LocalDate {
	year: number;
	month: number;
	day: number;
}

function localDate(instant: number, timeZone: string): LocalDate {
	const parts: Record<string, number> = {};
	const formatter = new Intl.DateTimeFormat('en-US', {
		timeZone,
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
	});
	for (const part of formatter.formatToParts(new Date(instant)))
		if (part.type !== 'literal') parts[part.type] = Number(part.value);
	return { year: parts.year, month: parts.month, day: parts.day };
}

/** The date `days` after a local date, with its day of the week (0 = Sunday). */
function addDays(date: LocalDate, days: number): LocalDate & { weekday: number } {
	const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
	return {
		year: shifted.getUTCFullYear(),
		month: shifted.getUTCMonth() + 1,
		day: shifted.getUTCDate(),
		weekday: shifted.getUTCDay(),
	};
}

/** The instant a local date's wall clock shows `minutes` after midnight (1440: the next midnight). */
function atMinutes(date: LocalDate, minutes: number, timeZone: string): number {
	const target = minutes >= 1440 ? addDays(date, 1) : date;
	const within = minutes % 1440;
	const instant = wallClockToDate(
		{ ...target, hour: Math.floor(within / 60), minute: within % 60, second: 0 },
		timeZone,
	);
	return (instant as Date).getTime();
}

/**
 * The first instant at or after `instant` inside the window, with the holiday that held it back if
 * one did; undefined when the window does not open within 400 days.
 */
export function nextOpening(
	window: SendWindow,
	instant: number,
): { at: number; holiday?: string } | undefined {
	const start = localDate(instant, window.timeZone);
	const spans = window.holidays?.(instant - 86_400_000, instant + (SEARCH_DAYS + 2) * 86_400_000);
	let holiday: string | undefined;
	for (let offset = 0; offset <= SEARCH_DAYS; offset++) {
		const date = addDays(start, offset);
		const ranges = window.ranges
			.filter((range) => range.day === date.weekday)
			.sort((a, b) => a.from - b.from);
		for (const range of ranges) {
			const close = atMinutes(date, range.to, window.timeZone);
			if (close <= instant) continue;
			let candidate = Math.max(atMinutes(date, range.from, window.timeZone), instant);
			for (let moved = true; moved && candidate < close;) {
				moved = false;
				for (const span of spans ?? []) {
					if (span.start <= candidate && candidate < span.end) {
						candidate = span.end;
						holiday ??= span.name;
						moved = true;
					}
				}
			}
			if (candidate < close) return { at: candidate, holiday };
		}
	}
	return undefined;
}

/** Whether `instant` is inside the window. */
export function isOpen(window: SendWindow, instant: number): boolean {
	return nextOpening(window, instant)?.at === instant;
}

/**
 * The delay in whole minutes, counted from `now`, at which a message meant to go out at `earliest`
 * (now, or later for a delay or a send time the user chose) goes out inside the window. The gateway
 * counts whole minutes from when it receives the request, so the delay is rounded up and the instant
 * it then means is checked to be inside the window too. Undefined when the window never opens.
 */
export function scheduleInWindow(
	window: SendWindow,
	now: number,
	earliest: number,
): WindowSchedule | undefined {
	let from = Math.max(now, earliest);
	let reason: string | undefined;
	for (let attempt = 0; attempt < 5; attempt++) {
		const opening = nextOpening(window, from);
		if (!opening) return undefined;
		if (opening.at > from) reason ??= opening.holiday ?? 'outside the window';
		const delayMinutes = Math.max(0, Math.ceil((opening.at - now) / 60_000));
		const sendsAt = now + delayMinutes * 60_000;
		if (isOpen(window, sendsAt)) {
			return { delayMinutes, sendsAt, held: reason !== undefined, reason };
		}
		from = sendsAt;
	}
	return undefined;
}

/** An instant as the window's wall clock shows it: `2026-03-27 08:00 Fri (Asia/Jerusalem)`. */
export function localTimeText(instant: number, timeZone: string): string {
	const parts: Record<string, string> = {};
	const formatter = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		weekday: 'short',
	});
	for (const part of formatter.formatToParts(new Date(instant))) parts[part.type] = part.value;
	return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${parts.weekday} (${timeZone})`;
}
