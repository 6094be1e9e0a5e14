/**
 * The states of an inquiry in the inbox and their names, in German and English: one list for the
 * server (what it stores and accepts) and the back office (what the inbox offers).
 */
import type { I18nText, Lang } from '../data/model.ts';

export const INQUIRY_STATUSES = ['new', 'answered', 'closed'] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

export const INQUIRY_STATUS_LABELS: Record<InquiryStatus, I18nText> = {
	new: { de: 'neu', en: 'new' },
	answered: { de: 'beantwortet', en: 'answered' },
	closed: { de: 'erledigt', en: 'closed' }
};

export function inquiryStatusLabel(lang: Lang, status: InquiryStatus): string {
	return INQUIRY_STATUS_LABELS[status][lang];
}
