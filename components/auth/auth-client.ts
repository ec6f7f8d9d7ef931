"use client";
import { createAuthClient } from "better-auth/react";

/** The browser side of the auth library; it talks to /api/auth on this origin. */
export const authClient = createAuthClient();
