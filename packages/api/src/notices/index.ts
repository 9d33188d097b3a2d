export { sendNoticeDeliveriesJob, sendDueNoticeDeliveries } from './delivery';
export { createNotice, withdrawNotice, listNoticesForOperators, noticeDeliveriesReport, loginScreenNotices, noticesForTenant } from './notices';
