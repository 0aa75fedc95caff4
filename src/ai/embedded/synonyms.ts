/**
 * Customer-support words that mean the same thing to a visitor. Each group is folded onto its first
 * word before matching, so a rule trained on "package" also hears "parcel" and "shipment". Kept to
 * unambiguous groups: a wrong synonym makes rules match messages they should not.
 */
export const synonymGroups: string[][] = [
  ['package', 'parcel', 'shipment', 'consignment', 'delivery', 'deliveries'],
  [
    'ship',
    'shipped',
    'shipping',
    'dispatch',
    'dispatched',
    'sent',
    'deliver',
    'delivered',
    'arrive',
    'arrived',
    'arrival',
  ],
  ['track', 'tracking', 'trace', 'whereabouts'],
  ['refund', 'refunded', 'reimburse', 'reimbursement', 'repay'],
  ['exchange', 'swap', 'replace', 'replacement'],
  ['return', 'returned', 'returning'],
  ['price', 'prices', 'pricing', 'cost', 'costs', 'expensive', 'cheap', 'fee', 'fees', 'rate', 'rates'],
  ['buy', 'bought', 'purchase', 'purchased'],
  ['invoice', 'invoices', 'bill', 'bills', 'billing', 'receipt', 'charged', 'charge'],
  ['subscription', 'plan', 'membership', 'upgrade', 'downgrade'],
  ['open', 'opening', 'close', 'closing', 'hours'],
  ['store', 'shop', 'branch', 'location', 'located', 'address'],
  ['book', 'booking', 'reserve', 'reservation'],
  ['available', 'availability', 'free', 'vacancy', 'vacant'],
  ['discount', 'discounts', 'sale', 'coupon', 'voucher', 'promo'],
  ['balance', 'credit', 'credits', 'funds'],
];
