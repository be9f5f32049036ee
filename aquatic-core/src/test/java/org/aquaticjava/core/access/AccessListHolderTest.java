package org.aquaticjava.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.aquaticjava.core.config.AccessListConfig;
import org.aquaticjava.core.files.PolledFileWatcher;
import org.aquaticjava.core.config.AccessListMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessListHolderTest {
  private static final String HASH_1 = AccessListLoaderTest.HASH_1;
  private static final String HASH_2 = AccessListLoaderTest.HASH_2;
  private static final Duration DEADLINE = Duration.ofSeconds(5);

  @TempDir Path dir;
  private Thread watcherThread;

  @AfterEach
  void stopWatcher() throws InterruptedException {
    if (watcherThread != null) {
      watcherThread.interrupt();
      watcherThread.join(DEADLINE);
      assertThat(watcherThread.isAlive()).as("watcher stops when interrupted").isFalse();
    }
  }

  @Test
  void offModeNeverReadsTheFile() throws Exception {
    final AccessListHolder holder =
        AccessListHolder.load(new AccessListConfig(AccessListMode.OFF, dir.resolve("none").toString()));
    assertThat(holder.usesFile()).isFalse();
    assertThat(holder.current().allows(1, 2, 3)).isTrue();
    assertThat(holder.reload().succeeded()).isTrue();
  }

  @Test
  void failsStartUpOnABadFile() throws Exception {
    final Path file = write("not a hash\n");
    assertThatThrownBy(() -> AccessListHolder.load(allow(file)))
        .isInstanceOf(AccessListException.class)
        .hasMessageContaining(file + ":1:");
  }

  @Test
  void failsStartUpOnAMissingFile() {
    assertThatThrownBy(() -> AccessListHolder.load(allow(dir.resolve("missing.txt"))))
        .isInstanceOf(AccessListException.class);
  }

  @Test
  void reloadSwapsInAValidFile() throws Exception {
    final Path file = write(HASH_1 + "\n");
    final AccessListHolder holder = AccessListHolder.load(allow(file));
    final AccessList before = holder.current();
    write(HASH_1 + "\n" + HASH_2 + "\n");

    final AccessListReload result = holder.reload();

    assertThat(result.succeeded()).isTrue();
    assertThat(result.entries()).isEqualTo(2);
    assertThat(holder.current().size()).isEqualTo(2);
    assertThat(before.size()).as("old snapshot unchanged").isEqualTo(1);
    assertThat(holder.reloadSuccesses()).isEqualTo(1);
  }

  @Test
  void reloadKeepsTheOldListWhenTheFileIsBad() throws Exception {
    final Path file = write(HASH_1 + "\n");
    final AccessListHolder holder = AccessListHolder.load(allow(file));
    final AccessList before = holder.current();
    write(HASH_2 + "\nbroken\n");

    final AccessListReload result = holder.reload();

    assertThat(result.succeeded()).isFalse();
    assertThat(result.message()).contains(file + ":2:").contains("broken");
    assertThat(result.entries()).isEqualTo(1);
    assertThat(holder.current()).isSameAs(before);
    assertThat(holder.reloadFailures()).isEqualTo(1);
  }

  @Test
  void watcherReloadsWhenTheFileIsRewrittenInPlace() throws Exception {
    final Path file = write(HASH_1 + "\n");
    final AccessListHolder holder = startWatching(file);

    write(HASH_1 + "\n" + HASH_2 + "\n");

    await().atMost(DEADLINE).until(() -> holder.current().size() == 2);
  }

  @Test
  void watcherReloadsWhenTheFileIsReplacedByRename() throws Exception {
    final Path file = write(HASH_1 + "\n");
    final AccessListHolder holder = startWatching(file);

    // What editors and deploy tools do: a new inode with (here) the same size.
    final Path temporary = dir.resolve("list.txt.tmp");
    Files.writeString(temporary, HASH_2 + "\n");
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

    await()
        .atMost(DEADLINE)
        .until(() -> holder.current().contains(0xFEDCBA9876543210L, 0xFEDCBA9876543210L, 0xFEDCBA98));
    assertThat(holder.current().size()).isEqualTo(1);
  }

  @Test
  void watcherKeepsTheOldListThroughABadFileAndAMissingFile() throws Exception {
    final Path file = write(HASH_1 + "\n");
    final AccessListHolder holder = startWatching(file);
    final AccessList before = holder.current();

    write("garbage\n");
    await().atMost(DEADLINE).until(() -> holder.reloadFailures() == 1);
    Files.delete(file);
    write(HASH_1 + "\n" + HASH_2 + "\n");
    await().atMost(DEADLINE).until(() -> holder.current().size() == 2);

    assertThat(before.size()).isEqualTo(1);
    assertThat(holder.reloadFailures()).as("a bad file is tried once, not every poll").isEqualTo(1);
    assertThat(holder.fileWatcher()).isPresent();
  }

  private AccessListHolder startWatching(Path file) throws AccessListException {
    final AccessListHolder holder = AccessListHolder.load(allow(file));
    watcherThread =
        Thread.ofPlatform()
            .name("access-list-watch")
            .start(
                new PolledFileWatcher(
                    "access list", List.of(file), Duration.ofMillis(20), holder::reload));
    return holder;
  }

  private static AccessListConfig allow(Path file) {
    return new AccessListConfig(AccessListMode.ALLOW, file.toString());
  }

  private Path write(String content) throws Exception {
    final Path file = dir.resolve("list.txt");
    Files.writeString(file, content);
    return file;
  }
}
