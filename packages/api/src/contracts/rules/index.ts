export { NOTICE_DAYS, checkNotice, type NoticeCheck } from './notice';
export { checkTerminationNotice, terminationEndDate, type TerminationNoticeResult } from './customer-termination';
export {
  PROVIDER_TERMINATION_CLAUSE,
  checkServiceEndNotice,
  checkTermsChangeNotice,
  planProviderTermination,
  type AdvisoryNotice,
  type ProviderTerminationCause,
  type ProviderTerminationPlan,
} from './provider-termination';
export {
  contractTerm,
  isWithinTerm,
  nextContractTerm,
  oneYearEndDate,
  personalDataErasureDate,
  personalDataErasureInstant,
  type ContractTerm,
} from './contract-term';
