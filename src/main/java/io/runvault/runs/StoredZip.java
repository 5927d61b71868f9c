package io.runvault.runs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A zip of uncompressed (STORED) entries whose sizes and CRCs are known before the first byte, so its
 * exact length can be sent as Content-Length: a download cut short by a failure is then visible to
 * every client as a short body, never a complete-looking truncated zip. Zip64 records are written
 * only where a size, offset or count needs them. Names are UTF-8 (flag bit 11).
 */
final class StoredZip {

    /** Writes exactly {@code size} bytes, or fails. */
    interface Source {
        void writeTo(OutputStream out, long size) throws IOException;
    }

    record Entry(String name, long size, long crc, Source source) {
    }

    private static final long MAX_32 = 0xFFFFFFFFL;
    private static final int UTF8_NAMES = 1 << 11;

    private final List<Entry> entries;
    private final int dosTime;
    private final int dosDate;

    StoredZip(List<Entry> entries, Instant modified) {
        this.entries = List.copyOf(entries);
        LocalDateTime time = LocalDateTime.ofInstant(modified, ZoneOffset.UTC);
        if (time.getYear() < 1980) {
            time = LocalDateTime.of(1980, 1, 1, 0, 0);
        } else if (time.getYear() > 2107) {
            time = LocalDateTime.of(2107, 12, 31, 23, 59, 58);
        }
        this.dosTime = (time.getHour() << 11) | (time.getMinute() << 5) | (time.getSecond() >> 1);
        this.dosDate = ((time.getYear() - 1980) << 9) | (time.getMonthValue() << 5) | time.getDayOfMonth();
    }

    /** The exact number of bytes {@link #write} produces. */
    long length() {
        long offset = 0;
        long central = 0;
        for (Entry entry : entries) {
            int name = name(entry).length;
            central += 46 + name + centralExtra(entry.size(), offset);
            offset += 30 + name + localExtra(entry.size()) + entry.size();
        }
        return offset + central + end(offset, central);
    }

    void write(OutputStream out) throws IOException {
        List<Long> offsets = new ArrayList<>(entries.size());
        long offset = 0;
        for (Entry entry : entries) {
            offsets.add(offset);
            byte[] name = name(entry);
            boolean zip64 = entry.size() >= MAX_32;
            ByteBuffer header = buffer(30 + name.length + localExtra(entry.size()));
            header.putInt(0x04034b50).putShort(version(zip64)).putShort((short) UTF8_NAMES).putShort((short) 0)
                    .putShort((short) dosTime).putShort((short) dosDate).putInt((int) entry.crc())
                    .putInt((int) Math.min(entry.size(), MAX_32)).putInt((int) Math.min(entry.size(), MAX_32))
                    .putShort((short) name.length).putShort((short) localExtra(entry.size())).put(name);
            if (zip64) {
                header.putShort((short) 1).putShort((short) 16).putLong(entry.size()).putLong(entry.size());
            }
            out.write(header.array());
            entry.source().writeTo(out, entry.size());
            offset += header.capacity() + entry.size();
        }
        long centralStart = offset;
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            long at = offsets.get(i);
            byte[] name = name(entry);
            int extra = centralExtra(entry.size(), at);
            boolean zip64 = extra > 0;
            ByteBuffer header = buffer(46 + name.length + extra);
            header.putInt(0x02014b50).putShort(version(zip64)).putShort(version(zip64)).putShort((short) UTF8_NAMES)
                    .putShort((short) 0).putShort((short) dosTime).putShort((short) dosDate).putInt((int) entry.crc())
                    .putInt((int) Math.min(entry.size(), MAX_32)).putInt((int) Math.min(entry.size(), MAX_32))
                    .putShort((short) name.length).putShort((short) extra).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putInt(0).putInt((int) Math.min(at, MAX_32)).put(name);
            if (zip64) {
                header.putShort((short) 1).putShort((short) (extra - 4));
                if (entry.size() >= MAX_32) {
                    header.putLong(entry.size()).putLong(entry.size());
                }
                if (at >= MAX_32) {
                    header.putLong(at);
                }
            }
            out.write(header.array());
            offset += header.capacity();
        }
        long centralSize = offset - centralStart;
        ByteBuffer end = buffer(end(centralStart, centralSize));
        if (needsZip64End(centralStart, centralSize)) {
            end.putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0).putInt(0)
                    .putLong(entries.size()).putLong(entries.size()).putLong(centralSize).putLong(centralStart);
            end.putInt(0x07064b50).putInt(0).putLong(offset).putInt(1);
        }
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0)
                .putShort((short) Math.min(entries.size(), 0xFFFF)).putShort((short) Math.min(entries.size(), 0xFFFF))
                .putInt((int) Math.min(centralSize, MAX_32)).putInt((int) Math.min(centralStart, MAX_32)).putShort((short) 0);
        out.write(end.array());
    }

    private static byte[] name(Entry entry) {
        return entry.name().getBytes(StandardCharsets.UTF_8);
    }

    private static int localExtra(long size) {
        return size >= MAX_32 ? 20 : 0;
    }

    private static int centralExtra(long size, long offset) {
        int fields = (size >= MAX_32 ? 16 : 0) + (offset >= MAX_32 ? 8 : 0);
        return fields == 0 ? 0 : 4 + fields;
    }

    private boolean needsZip64End(long centralStart, long centralSize) {
        return entries.size() >= 0xFFFF || centralStart >= MAX_32 || centralSize >= MAX_32;
    }

    private int end(long centralStart, long centralSize) {
        return 22 + (needsZip64End(centralStart, centralSize) ? 56 + 20 : 0);
    }

    private static short version(boolean zip64) {
        return (short) (zip64 ? 45 : 20);
    }

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
