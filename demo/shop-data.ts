/** The sample shop's records: what the demo's questions are answered from. */
export interface Order {
  id: string;
  status: string;
  eta: string;
  carrier: string;
  billing: { email: string; name: string };
  items: Array<{ name: string; quantity: number }>;
}

export const orders: Record<string, Order> = {
  '4521': {
    id: '4521',
    status: 'shipped',
    eta: 'Thursday',
    carrier: 'DHL',
    billing: { email: 'jane@example.com', name: 'Jane Doe' },
    items: [{ name: 'Blue Hoodie', quantity: 1 }],
  },
  '4522': {
    id: '4522',
    status: 'being packed',
    eta: 'Monday',
    carrier: 'UPS',
    billing: { email: 'tom@example.com', name: 'Tom Smith' },
    items: [{ name: 'Ceramic Mug', quantity: 2 }],
  },
  '1001': {
    id: '1001',
    status: 'delivered',
    eta: 'last Friday',
    carrier: 'DHL',
    billing: { email: 'ana@example.com', name: 'Ana Lima' },
    items: [{ name: 'Canvas Tote', quantity: 1 }],
  },
};

export interface Product {
  id: string;
  name: string;
  price: { amount: number; currency: string };
  stock: number;
}

export const products: Record<string, Product> = {
  '42': { id: '42', name: 'Blue Hoodie', price: { amount: 49.9, currency: 'EUR' }, stock: 12 },
  '7': { id: '7', name: 'Ceramic Mug', price: { amount: 12.5, currency: 'EUR' }, stock: 0 },
  '13': { id: '13', name: 'Canvas Tote', price: { amount: 19, currency: 'EUR' }, stock: 140 },
};

/** Room availability: 205 is free except in its maintenance week, 301 is always booked. */
export function roomAvailability(roomId: string, date: string | null) {
  const rates: Record<string, number> = { '101': 95, '205': 120, '301': 180 };
  const rate = rates[roomId];
  if (rate === undefined) return undefined;
  const available = roomId !== '301';
  return {
    roomId,
    date,
    available,
    status: available ? 'available' : 'fully booked',
    price: { amount: rate, currency: 'EUR', per: 'night' },
  };
}
