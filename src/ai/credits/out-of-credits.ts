/**
 * Why no AI reply was written at zero credits — for the rule log's `errors`, where the shop owner
 * looks. Visitors see nothing of it: a customer has no business reading about the shop's billing.
 */
export const OUT_OF_CREDITS =
  'no credits: the account has no AI credits left, so AI replies are paused until credits are added';
