package io.smc.provider.gcp;

import com.google.protobuf.ByteString;
import java.util.zip.CRC32C;

/** The CRC32C checksum Secret Manager keeps with each version, to catch a value damaged on the way. */
final class Crc32c {
    private Crc32c() {
    }

    static long of(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        return crc.getValue();
    }

    static long of(ByteString data) {
        CRC32C crc = new CRC32C();
        crc.update(data.asReadOnlyByteBuffer());
        return crc.getValue();
    }
}
