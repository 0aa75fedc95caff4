import { z } from 'zod';
import { nonEmptyPatch } from '../../http/non-empty-patch.ts';

export const operatorRoles = ['admin', 'operator'] as const;

const passwordSchema = z.string().min(10, 'At least 10 characters').max(1000);

export const createOperatorSchema = z.object({
  name: z.string().trim().min(1).max(200),
  email: z
    .email()
    .max(320)
    .transform((e) => e.toLowerCase()),
  role: z.enum(operatorRoles).optional(),
  isAvailable: z.boolean().optional(),
  /** Lets the person sign in to the dashboard; stored only as an argon2id hash. */
  password: passwordSchema.optional(),
});
export type CreateOperatorInput = z.infer<typeof createOperatorSchema>;

export const updateOperatorSchema = nonEmptyPatch({
  name: z.string().trim().min(1).max(200).optional(),
  role: z.enum(operatorRoles).optional(),
  isAvailable: z.boolean().optional(),
  /** Sets or replaces the dashboard password; signs the person out of existing sessions. */
  password: passwordSchema.optional(),
});
export type UpdateOperatorInput = z.infer<typeof updateOperatorSchema>;

export interface Operator {
  id: string;
  name: string;
  email: string;
  role: (typeof operatorRoles)[number];
  isAvailable: boolean;
  createdAt: string;
}
