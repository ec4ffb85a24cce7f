package io.whalefall.query.web;

import java.util.List;

/**
 * Who is calling, for the dashboard.
 *
 * @param username       the user (or token) name
 * @param roles          its roles (admin implies viewer and collector)
 * @param authentication form (session cookie), basic or bearer
 * @param csrfToken      the token browser writes must send (form sessions only)
 * @param csrfHeader     the header to send it in
 */
public record AuthView(String username, List<String> roles, String authentication, String csrfToken,
        String csrfHeader) {
}
