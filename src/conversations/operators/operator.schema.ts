import { z } from 'zod';

export const operatorRoles = ['admin', 'operator'] as const;

export const createOperatorSchema = z.object({
  name: z.string().trim().min(1).max(200),
  email: z
    .email()
    .max(320)
    .transform((e) => e.toLowerCase()),
  role: z.enum(operatorRoles).optional(),
  isAvailable: z.boolean().optional(),
});
export type CreateOperatorInput = z.infer<typeof createOperatorSchema>;

export const updateOperatorSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    role: z.enum(operatorRoles).optional(),
    isAvailable: z.boolean().optional(),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), { message: 'Nothing to update.' });
export type UpdateOperatorInput = z.infer<typeof updateOperatorSchema>;

export interface Operator {
  id: string;
  name: string;
  email: string;
  role: (typeof operatorRoles)[number];
  isAvailable: boolean;
  createdAt: string;
}
