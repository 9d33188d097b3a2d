export {
  SUPPORT_MINUTES_PER_DAY,
  SUPPORT_WINDOWS,
  addBusinessMinutes,
  businessMinutesBetween,
  isWithinSupportHours,
  nextSupportOpening,
} from './support-hours';
export {
  AUTO_ACCEPT_AFTER_MS,
  FIRST_ANSWER_BUSINESS_MINUTES,
  autoAcceptAt,
  firstAnswerDueAt,
  isAutoAcceptDue,
  type InquiryChannel,
} from './inquiry-deadlines';
