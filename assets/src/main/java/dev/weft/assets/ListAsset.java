package dev.weft.assets;

import java.util.List;

/** An ordered list of assets; its hash is over the hashes of its items. */
public final class ListAsset extends AbstractAsset {
  public static final String MEDIA_TYPE = "application/x-weft-list";
  private final List<Asset> items;

  private ListAsset(List<Asset> items) {
    super(hashOf(items));
    this.items = items;
  }

  public static ListAsset of(List<? extends Asset> items) {
    return new ListAsset(List.copyOf(items));
  }

  private static String hashOf(List<Asset> items) {
    ContentHash h = ContentHash.of("list").update(items.size());
    for (Asset a : items) {
      h.update(a.mediaType()).update(a.hash());
    }
    return h.hex();
  }

  public List<Asset> items() {
    return items;
  }

  public int size() {
    return items.size();
  }

  @Override
  public String mediaType() {
    return MEDIA_TYPE;
  }

  @Override
  public String describe() {
    return "list of " + items.size();
  }
}
