package io.steppewire.platform.security;

import org.jspecify.annotations.Nullable;

/**
 * Who sent a request that carried a valid key.
 *
 * @param role  what the key may do
 * @param keyId the subscriber key's id, which owns what it creates; {@code null} for the admin key
 * @param name  a name for logs and audit ("admin" or the subscriber key's name); never the key itself
 */
public record ApiCaller(ApiRole role, @Nullable String keyId, String name) {

    public static final ApiCaller ADMIN = new ApiCaller(ApiRole.ADMIN, null, "admin");

    public static ApiCaller subscriber(String keyId, String name) {
        return new ApiCaller(ApiRole.SUBSCRIBER, keyId, name);
    }

    public boolean isAdmin() {
        return role == ApiRole.ADMIN;
    }

    /** Whether this caller may see or change data owned by {@code ownerKeyId} ({@code null}: created with the admin key). */
    public boolean mayAccess(@Nullable String ownerKeyId) {
        return isAdmin() || (keyId != null && keyId.equals(ownerKeyId));
    }
}
