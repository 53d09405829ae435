package io.ringbus.ipc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The per-user directory an embedded media driver lives in: owner-only ({@code 0700}), owned by the user running
 * this JVM, never reached through a symbolic link. Everything Aeron writes (the CnC file, the log buffers) lies
 * below it, so nobody else can map or even list those files whatever Aeron's own file modes are.
 * <p>
 * <b>Note:</b> stateless; thread-safe.
 */
final class DriverDirectory
{
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private DriverDirectory()
    {
    }

    /**
     * The default base: {@code /dev/shm/ringbus-<user>} where {@code /dev/shm} exists (memory-backed, as Aeron
     * wants), else {@code <java.io.tmpdir>/ringbus-<user>}.
     */
    static Path defaultBase()
    {
        final String user = sanitize(System.getProperty("user.name", "user"));
        final Path shm = Paths.get("/dev/shm");
        final Path root = Files.isDirectory(shm) ? shm : Paths.get(System.getProperty("java.io.tmpdir"));
        return root.resolve("ringbus-" + user);
    }

    private static String sanitize(final String user)
    {
        final String cleaned = user.replaceAll("[^A-Za-z0-9_.-]", "_");
        return cleaned.isEmpty() ? "user" : cleaned;
    }

    /**
     * Create the directory owner-only if absent, or check an existing one.
     *
     * @param dir the directory.
     * @return {@code dir}.
     * @throws IllegalStateException if it is a symbolic link, not a directory, or owned by another user.
     */
    static Path secure(final Path dir)
    {
        try
        {
            if (Files.isSymbolicLink(dir))
            {
                throw new IllegalStateException("refusing driver directory " + dir +
                    ": it is a symbolic link (to " + Files.readSymbolicLink(dir) + "), which another user could " +
                    "have planted; remove it or name a real directory");
            }
            try
            {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            catch (final FileAlreadyExistsException ignore)
            {
                // checked below
            }
            final PosixFileAttributes attributes = Files.getFileAttributeView(
                dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
            if (attributes.isSymbolicLink() || !attributes.isDirectory())
            {
                throw new IllegalStateException("refusing driver directory " + dir + ": not a plain directory");
            }
            final String me = System.getProperty("user.name");
            if (!attributes.owner().getName().equals(me))
            {
                throw new IllegalStateException("refusing driver directory " + dir + ": owned by '" +
                    attributes.owner().getName() + "', not by '" + me + "' who runs this JVM");
            }
            if (!attributes.permissions().equals(OWNER_ONLY))
            {
                // Also corrects what a umask took away or a previous run left wider.
                Files.setPosixFilePermissions(dir, OWNER_ONLY);
            }
            return dir;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot prepare driver directory " + dir, ex);
        }
    }

    /**
     * Narrow what Aeron created under {@code dir} to owner-only, best effort (files created later inherit the
     * protection of the {@code 0700} base).
     */
    static void restrict(final Path dir)
    {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS))
        {
            return;
        }
        try (Stream<Path> files = Files.walk(dir))
        {
            files.forEach(p ->
            {
                try
                {
                    Files.setPosixFilePermissions(p, Files.isDirectory(p) ? OWNER_ONLY : OWNER_FILE);
                }
                catch (final IOException | UnsupportedOperationException ignore)
                {
                    // a file removed meanwhile, or a file system without POSIX modes: the base still protects it
                }
            });
        }
        catch (final IOException | UncheckedIOException ignore)
        {
            // a race with the driver creating or removing files: the 0700 base still protects them
        }
    }
}
